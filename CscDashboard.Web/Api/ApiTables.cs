using System.Collections;
using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Network.Import;
using CscDashboard.Core.OpenData;

namespace CscDashboard.Web.Api;

/// <summary>One CSV column of an API list: its French header and the JSON member it repeats.</summary>
public sealed record ApiColumn<T>(string Header, string Json, Func<T, object?> Value);

/// <summary>
/// The CSV columns of every list (ADR 026): each repeats one member of the JSON row, written for a French spreadsheet by
/// <see cref="TabularWriter"/> like the pages' exports (UTF-8 with BOM, <c>;</c>, formulas neutralised): decimals with a
/// comma, dates as <c>dd/MM/yyyy</c>, yes/no as « Oui »/« Non », lists joined by « , ».
/// </summary>
public static class ApiTables
{
    public static IReadOnlyList<ApiColumn<FigureLine>> Figures(IReadOnlyCollection<string> groupBy)
    {
        var byWorkstream = groupBy.Contains("workstream");
        var columns = new List<ApiColumn<FigureLine>>();
        if (groupBy.Contains("sector"))
        {
            columns.Add(new("N° secteur", "sectorNumber", f => f.SectorNumber));
            columns.Add(new("Secteur", "sectorName", f => f.SectorName));
        }
        if (groupBy.Contains("territory"))
        {
            columns.Add(new("Code territoire", "territoryCode", f => f.TerritoryCode));
            columns.Add(new("Territoire", "territoryName", f => f.TerritoryName));
        }
        if (groupBy.Contains("month"))
        {
            columns.Add(new("Mois", "month", f => f.Month));
        }
        if (groupBy.Contains("type"))
        {
            columns.Add(new("Type", "typeLabel", f => f.TypeLabel));
        }
        if (byWorkstream)
        {
            columns.Add(new("N° chantier", "workstreamNumber", f => f.WorkstreamNumber));
            columns.Add(new("Chantier", "workstreamName", f => f.WorkstreamName));
        }
        columns.AddRange([
            new("Activités", "activities", f => f.Activities),
            new("Heures", "hours", f => f.Hours),
            new("Minutes", "minutes", f => f.Minutes),
            new("Habitants", "inhabitants", f => f.Inhabitants)]);
        if (!byWorkstream)
        {
            columns.AddRange([
                new("Professionnels", "professionals", f => f.Professionals),
                new("Bénévoles", "volunteers", f => f.Volunteers),
                new("Partenaires, élus", "partnersAndElected", f => f.PartnersAndElected),
                new("Minutes en soirée", "eveningMinutes", f => f.EveningMinutes),
                new("Minutes le week-end", "weekendMinutes", f => f.WeekendMinutes)]);
        }
        return columns;
    }

    public static readonly IReadOnlyList<ApiColumn<ApiIndicator>> Indicators =
    [
        new("Opération", "operation", i => i.Operation),
        new("Périmètre", "scopeLabel", i => i.ScopeLabel),
        new("Cumul au", "reference", i => i.Reference),
        new("Code", "code", i => i.Code),
        new("Indicateur", "name", i => i.Name),
        new("Unité", "unit", i => i.Unit),
        new("Européen", "eu", i => i.Eu),
        new("Calcul", "method", i => i.Method),
        new("Valeur de la période", "periodValue", i => i.PeriodValue),
        new("Cumul", "cumulative", i => i.Cumulative),
        new("Cible", "target", i => i.Target),
        new("Cible = somme des territoires", "targetIsSum", i => i.TargetIsSum),
        new("Attendu", "expected", i => i.Expected),
        new("Réalisé (%)", "percentAchieved", i => i.PercentAchieved),
        new("Statut", "statusLabel", i => i.StatusLabel),
    ];

    public static readonly IReadOnlyList<ApiColumn<ActivityItem>> Activities =
    [
        new("Identifiant", "id", a => a.Id),
        new("Date", "date", a => a.Date),
        new("Heure de début", "startTime", a => a.StartTime),
        new("Durée (minutes)", "durationMinutes", a => a.DurationMinutes),
        new("Code territoire", "territoryCode", a => a.TerritoryCode),
        new("Territoire", "territoryName", a => a.TerritoryName),
        new("Type", "typeLabel", a => a.TypeLabel),
        new("Format", "formatLabel", a => a.FormatLabel),
        new("Lieu", "placeLabel", a => a.PlaceLabel),
        new("Titre", "title", a => a.Title),
        new("Auteur", "author", a => a.Author),
        new("Centres", "centres", a => a.Centres),
        new("Chantiers", "workstreams", a => a.Workstreams),
        new("Partenaires", "partners", a => a.Partners),
        new("Habitants", "inhabitants", a => a.Inhabitants),
        new("Professionnels", "professionals", a => a.Professionals),
        new("Bénévoles", "volunteers", a => a.Volunteers),
        new("Partenaires, élus", "partnersAndElected", a => a.PartnersAndElected),
        new("Temps fort", "highlight", a => a.Highlight),
        new("Notes", "notes", a => a.Notes),
        new("Suites à donner", "followUp", a => a.FollowUp),
    ];

    public static readonly IReadOnlyList<ApiColumn<CentreItem>> Centres =
    [
        new("Identifiant", "id", c => c.Id),
        new("Nom", "name", c => c.Name),
        new("Commune", "commune", c => c.Commune),
        new("Code postal", "postcode", c => c.Postcode),
        new("Code territoire", "territoryCode", c => c.TerritoryCode),
        new("Territoire", "territoryName", c => c.TerritoryName),
        new("Statut", "statusLabel", c => c.StatusLabel),
        new("Engagé le", "engagedOn", c => c.EngagedOn),
        new("Centre hôte", "hostCentre", c => c.HostCentre),
        new("Archivé", "archived", c => c.Archived),
    ];

    public static readonly IReadOnlyList<ApiColumn<PartnerItem>> Partners =
    [
        new("Identifiant", "id", p => p.Id),
        new("Nom", "name", p => p.Name),
        new("Nature", "kindLabel", p => p.KindLabel),
        new("Code territoire", "territoryCode", p => p.TerritoryCode),
        new("Territoire", "territoryName", p => p.TerritoryName),
        new("Membre du comité", "committeeMember", p => p.CommitteeMember),
        new("Contact", "contactName", p => p.ContactName),
        new("E-mail du contact", "contactEmail", p => p.ContactEmail),
        new("Téléphone du contact", "contactPhone", p => p.ContactPhone),
        new("Archivé", "archived", p => p.Archived),
    ];

    public static readonly IReadOnlyList<ApiColumn<MemberItem>> Members =
    [
        new("Identifiant", "id", m => m.Id),
        new("Prénom", "firstName", m => m.FirstName),
        new("Nom", "lastName", m => m.LastName),
        new("E-mail", "email", m => m.Email),
        new("Téléphone", "phone", m => m.Phone),
        new("Fonction", "roleLabel", m => m.RoleLabel),
        new("Code territoire", "territoryCode", m => m.TerritoryCode),
        new("Territoire", "territoryName", m => m.TerritoryName),
        new("Centre", "centre", m => m.Centre),
        new("Temps affecté", "assignmentLabel", m => m.AssignmentLabel),
        new("Pourcentage", "assignmentPercent", m => m.AssignmentPercent),
        new("Actif depuis", "activeFrom", m => m.ActiveFrom),
        new("Actif jusqu'au", "activeTo", m => m.ActiveTo),
        new("Archivé", "archived", m => m.Archived),
    ];

    public static readonly IReadOnlyList<ApiColumn<ApiReport>> Reports =
    [
        new("Identifiant", "id", r => r.Id),
        new("Bilan", "kindLabel", r => r.KindLabel),
        new("Période", "period", r => r.Period),
        new("Libellé de la période", "periodLabel", r => r.PeriodLabel),
        new("Du", "from", r => r.From),
        new("Au", "to", r => r.To),
        new("Portée", "scopeLabel", r => r.ScopeLabel),
        new("Version", "version", r => r.Version),
        new("État", "statusLabel", r => r.StatusLabel),
        new("PDF", "pdf", r => r.Pdf),
    ];

    /// <summary>A value as its CSV cell: what a French spreadsheet reads as the same value.</summary>
    public static string? Cell(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "Oui" : "Non",
        DateOnly day => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm", CultureInfo.InvariantCulture),
        double number => number.ToString("0.##", French.Culture),
        decimal number => number.ToString("0.##", French.Culture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => string.Join(", ", list.Cast<object?>()),
        _ => value.ToString(),
    };

    public static byte[] Csv<T>(IReadOnlyList<ApiColumn<T>> columns, IEnumerable<T> rows) =>
        TabularWriter.WriteCsv([.. columns.Select(c => c.Header)], rows.Select(r => (IReadOnlyList<string?>)[.. columns.Select(c => Cell(c.Value(r)))]));
}
