using System.Globalization;
using CscDashboard.Core.Common;

namespace CscDashboard.Core.Network.Import;

public enum ImportKind
{
    Centres,
    Members,
    Partners,
}

/// <summary>A column of an import/export file: its French header; whether the column must be there; whether its value is required.</summary>
public sealed record ColumnSpec(string Header, bool ColumnRequired = false, bool ValueRequired = false);

/// <summary>
/// The file formats of the network directory: the same French headers for export and import, so that an
/// export can be imported again. Headers are matched ignoring case, accents and column order; extra
/// columns are ignored. Documented in README.md.
/// </summary>
public static class NetworkColumns
{
    public const string Name = "Nom";
    public const string Commune = "Commune";
    public const string Postcode = "Code postal";
    public const string Address = "Adresse";
    public const string Territory = "Territoire";
    public const string Status = "Statut";
    public const string CandidateSince = "Date de candidature";
    public const string EngagedOn = "Date d'engagement";
    public const string WithdrawnOn = "Date de retrait";
    public const string HostCentre = "Centre d'accueil";

    public const string FirstName = "Prénom";
    public const string Email = "E-mail";
    public const string Phone = "Téléphone";
    public const string Role = "Rôle";
    public const string Centre = "Centre";
    public const string Assignment = "Affectation";
    public const string Percent = "Pourcentage";
    public const string AnnualGrossCost = "Coût annuel brut";
    public const string ActiveFrom = "Début";
    public const string ActiveTo = "Fin";

    public const string Kind = "Type";
    public const string ContactName = "Contact";
    public const string ContactEmail = "E-mail du contact";
    public const string ContactPhone = "Téléphone du contact";
    public const string CommitteeMember = "Membre du comité";

    public static readonly IReadOnlyList<ColumnSpec> Centres =
    [
        new(Name, true, true), new(Commune, true, true), new(Postcode, true, true), new(Address),
        new(Territory, true, true), new(Status), new(CandidateSince), new(EngagedOn), new(WithdrawnOn), new(HostCentre),
    ];

    public static readonly IReadOnlyList<ColumnSpec> Members =
    [
        new(FirstName, true, true), new(Name, true, true), new(Email), new(Phone), new(Role, true, true),
        new(Territory, true, true), new(Centre), new(Assignment), new(Percent), new(AnnualGrossCost),
        new(ActiveFrom, true, true), new(ActiveTo),
    ];

    // The territory column must be there (an empty cell means the whole federation), so that a file
    // without it is not read as federation-wide partners by mistake.
    public static readonly IReadOnlyList<ColumnSpec> Partners =
    [
        new(Name, true, true), new(Kind, true, true), new(Territory, true), new(ContactName), new(ContactEmail),
        new(ContactPhone), new(CommitteeMember),
    ];

    public static IReadOnlyList<ColumnSpec> For(ImportKind kind) => kind switch
    {
        ImportKind.Centres => Centres,
        ImportKind.Members => Members,
        _ => Partners,
    };

    public static IReadOnlyList<string> Headers(ImportKind kind) => For(kind).Select(c => c.Header).ToList();

    /// <summary>French file name stem and sheet name of each list.</summary>
    public static (string FileStem, string SheetName) Names(ImportKind kind) => kind switch
    {
        ImportKind.Centres => ("centres-sociaux", "Centres"),
        ImportKind.Members => ("membres-du-reseau", "Membres"),
        _ => ("partenaires", "Partenaires"),
    };

    /// <summary>The column a form field is entered in, to prefix import messages.</summary>
    public static string ColumnOfField(ImportKind kind, string field) => (kind, field) switch
    {
        (_, nameof(CentreInput.Name)) => Name,
        (_, nameof(CentreInput.Commune)) => Commune,
        (_, nameof(CentreInput.Postcode)) => Postcode,
        (_, nameof(CentreInput.Address)) => Address,
        (_, nameof(CentreInput.TerritoryId)) => Territory,
        (_, nameof(CentreInput.Status)) => Status,
        (_, nameof(CentreInput.CandidateSince)) => CandidateSince,
        (_, nameof(CentreInput.EngagedOn)) => EngagedOn,
        (_, nameof(CentreInput.WithdrawnOn)) => WithdrawnOn,
        (_, nameof(MemberInput.FirstName)) => FirstName,
        (_, nameof(MemberInput.LastName)) => Name,
        (_, nameof(MemberInput.Email)) => Email,
        (_, nameof(MemberInput.Phone)) => Phone,
        (_, nameof(MemberInput.CentreId)) => Centre,
        (_, nameof(MemberInput.AssignmentPercent)) => Percent,
        (_, nameof(MemberInput.AnnualGrossCost)) => AnnualGrossCost,
        (_, nameof(MemberInput.ActiveFrom)) => ActiveFrom,
        (_, nameof(MemberInput.ActiveTo)) => ActiveTo,
        (_, nameof(PartnerInput.ContactName)) => ContactName,
        (_, nameof(PartnerInput.ContactEmail)) => ContactEmail,
        (_, nameof(PartnerInput.ContactPhone)) => ContactPhone,
        _ => field,
    };
}

/// <summary>How values are written in files and read back: dates dd/MM/yyyy, booleans Oui/Non, French decimals.</summary>
public static class CellFormat
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "dd/MM/yy", "yyyy-MM-dd", "dd-MM-yyyy", "dd.MM.yyyy"];

    public static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";
    public static string Bool(bool value) => value ? "Oui" : "Non";
    public static string Number(decimal? value) => value?.ToString("0.##", French.Culture) ?? "";

    /// <summary>An empty cell is a valid null date.</summary>
    public static bool TryDate(string text, out DateOnly? date)
    {
        date = null;
        if (text.Length == 0)
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }
        // A date cell that a spreadsheet handed over as its serial number (days since 1899-12-30).
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is > 20_000 and < 80_000)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }
        return false;
    }

    /// <summary>An empty cell is false.</summary>
    public static bool TryBool(string text, out bool value)
    {
        switch (NetworkLabels.Fold(text))
        {
            case "" or "non" or "n" or "faux" or "false" or "0" or "no":
                value = false;
                return true;
            case "oui" or "o" or "vrai" or "true" or "1" or "x" or "yes":
                value = true;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>"32 000,50", "32000.5", "50 %" or "1 800 €"; an empty cell is a valid null.</summary>
    public static bool TryNumber(string text, out decimal? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }
        var compact = new string(text.Where(c => !char.IsWhiteSpace(c) && c is not ('€' or '%' or '\u202F')).ToArray()).Replace(',', '.');
        if (decimal.TryParse(compact, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }
        return false;
    }
}
