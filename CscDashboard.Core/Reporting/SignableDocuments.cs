using CscDashboard.Core.Common;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Reporting.Pdf;
using CscDashboard.Core.Timesheets;

namespace CscDashboard.Core.Reporting;

/// <summary>An activity's attendance sheet, pre-filled, with empty numbered rows to sign.</summary>
public sealed record AttendanceSheetModel
{
    public required string OperationLabel { get; init; }
    /// <summary>The operation's own EU funding mention (<see cref="Operation.FundingMentionOf"/>).</summary>
    public required string FundingMention { get; init; }
    /// <summary>The managing authority printed beside the EU emblem (« Région Hauts-de-France »).</summary>
    public string? ManagingAuthority { get; init; }
    /// <summary>What is signed for: « Activité », or « Réunion » for a meeting's sheet.</summary>
    public string Subject { get; init; } = "Activité";
    public required string Title { get; init; }
    public DateOnly Date { get; init; }
    public TimeOnly? StartTime { get; init; }
    public int DurationMinutes { get; init; }
    public required string Type { get; init; }
    public required string Place { get; init; }
    public required IReadOnlyList<string> Centres { get; init; }
    public required string TerritoryName { get; init; }
    public DateTime GeneratedAtUtc { get; init; }
    public int Rows { get; init; } = 20;
    /// <summary>People expected (a meeting's attendees): their rows come pre-filled, followed by empty ones.</summary>
    public IReadOnlyList<(string Name, string Structure)> Expected { get; init; } = [];
}

/// <summary>A member's month: one line per day worked, from their activities and the manual lines.</summary>
public sealed record TimesheetModel
{
    public required string OperationLabel { get; init; }
    public required string FundingMention { get; init; }
    public string? ManagingAuthority { get; init; }
    public required string MemberName { get; init; }
    public required string Role { get; init; }
    public required string Assignment { get; init; }
    public required string TerritoryName { get; init; }
    public string? CentreName { get; init; }
    public DateOnly Month { get; init; }
    public required IReadOnlyList<TimesheetDay> Days { get; init; }
    public SignatureStatus Status { get; init; }
    public DateTime GeneratedAtUtc { get; init; }
    /// <summary>SHA-256 of the content (<see cref="TimesheetContent"/>): what a signature covers, printed on the sheet.</summary>
    public string ContentSha256 { get; init; } = "";
    /// <summary>The signatures that hold for this content, oldest first.</summary>
    public IReadOnlyList<TimesheetSignatureLine> Signatures { get; init; } = [];
    /// <summary>The caller is the person: they may sign it in the app.</summary>
    public bool IsCallers { get; init; }
    /// <summary>The month is approved: why nothing about this timesheet can change (null when open).</summary>
    public string? LockedBecause { get; init; }

    public int TotalMinutes => Days.Sum(d => d.Minutes);
}

public sealed record TimesheetDay(DateOnly Date, int Minutes, IReadOnlyList<string> Titles);

/// <summary>A signature as the sheet prints it.</summary>
public sealed record TimesheetSignatureLine(SignatureKind Kind, string SignedBy, DateTime SignedAtUtc, bool OnPaper)
{
    /// <summary>« Signé électroniquement par Awa Artemis le 03/03/2023 à 10:15 » (or countersigned, or recorded from paper).</summary>
    public string Sentence => (Kind, OnPaper) switch
    {
        (SignatureKind.Employee, false) => "Signé électroniquement par ",
        (SignatureKind.Countersignature, false) => "Contresigné électroniquement par ",
        (SignatureKind.Employee, true) => "Signature sur papier enregistrée par ",
        _ => "Contreseing sur papier enregistré par ",
    } + $"{SignedBy} le {ParisTimeProvider.Format(SignedAtUtc, "dd/MM/yyyy 'à' HH:mm")}";
}

/// <summary>
/// The documents printed to be signed by hand (attendance sheet, timesheet). Both carry the
/// federation's name and the EU funding mention, at the top and in every page's footer.
/// </summary>
public static class SignableDocuments
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static byte[] AttendanceSheet(AttendanceSheetModel model, IDocumentComposerFactory factory)
    {
        var pdf = Start(factory, "Feuille d'émargement", $"Feuille d'émargement — {model.Title} — {model.Date.ToString("dd/MM/yyyy", French.Culture)}",
            model.OperationLabel, model.FundingMention, model.ManagingAuthority, model.GeneratedAtUtc);
        var when = Capitalize(French.WeekdayDayMonthYear(model.Date))
            + (model.StartTime is { } start ? $" à {start.ToString("HH\\:mm", French.Culture)}" : "")
            + $" ({FrenchLabels.Duration(model.DurationMinutes)})";
        var details = new List<KeyValuePair<string, string>>
        {
            new(model.Subject, model.Title),
            new("Date", when),
            new("Type", model.Type),
            new("Lieu", model.Place),
        };
        if (model.Subject == "Activité" || model.Centres.Count > 0)
        {
            details.Add(new(model.Centres.Count > 1 ? "Centres" : "Centre", model.Centres.Count == 0 ? "—" : string.Join("\n", model.Centres)));
        }
        details.Add(new("Territoire", model.TerritoryName));
        pdf.KeyValues(details);
        pdf.Paragraph("Merci d'inscrire lisiblement votre nom, votre structure (centre social, association, collectivité…) et de signer.", TextStyle.Muted);
        pdf.Table(
            [new TableColumn("N°", 0.45, CellAlign.Center), new TableColumn("Nom et prénom", 3), new TableColumn("Structure", 2.4), new TableColumn("Signature", 2.2)],
            Enumerable.Range(1, Math.Max(model.Rows, model.Expected.Count + 5))
                .Select(i => (IReadOnlyList<string>)[i.ToString(French.Culture),
                    i <= model.Expected.Count ? model.Expected[i - 1].Name : "", i <= model.Expected.Count ? model.Expected[i - 1].Structure : "", ""])
                .ToList(),
            minRowHeight: 21);
        pdf.SignatureBoxes(["Nombre de participants", "Visa de l'animateur ou de l'animatrice"], height: 45);
        return pdf.ToPdf();
    }

    public static byte[] Timesheet(TimesheetModel model, IDocumentComposerFactory factory)
    {
        var monthLabel = Capitalize(model.Month.ToString("MMMM yyyy", French.Culture));
        var pdf = Start(factory, $"Feuille de temps — {monthLabel}", $"Feuille de temps — {model.MemberName} — {monthLabel}",
            model.OperationLabel, model.FundingMention, model.ManagingAuthority, model.GeneratedAtUtc);
        var items = new List<KeyValuePair<string, string>>
        {
            new("Personne salariée", model.MemberName),
            new("Fonction", model.Role),
            new("Affectation à l'opération", model.Assignment),
            new("Territoire", model.TerritoryName),
        };
        if (model.CentreName is not null)
        {
            items.Add(new("Structure", model.CentreName));
        }
        items.Add(new("Mois", monthLabel));
        pdf.KeyValues(items);
        var rows = model.Days
            .Select(d => (IReadOnlyList<string>)[Capitalize(d.Date.ToString("ddd d MMM", French.Culture)), Hours(d.Minutes), string.Join("\n", d.Titles)])
            .ToList();
        rows.Add(["Total", Hours(model.TotalMinutes),
            $"{French.Plural(model.Days.Count, "jour travaillé", "jours travaillés")} sur l'opération"]);
        pdf.Table([new TableColumn("Jour", 1.3), new TableColumn("Heures", 0.9, CellAlign.Right), new TableColumn("Activités réalisées pour l'opération", 5)], rows);
        pdf.Paragraph($"Total du mois : {Hours(model.TotalMinutes)} ({(model.TotalMinutes / 60m).ToString("0.##", French.Culture)} heures).", TextStyle.Strong);
        pdf.Paragraph("Je certifie l'exactitude des heures ci-dessus consacrées à l'opération.", TextStyle.Muted);
        foreach (var signature in model.Signatures)
        {
            pdf.Paragraph(signature.Sentence + ".", TextStyle.Strong);
        }
        // The hash of what is printed: a signature covers this exact content (ADR 027).
        pdf.Paragraph("Empreinte SHA-256 du contenu de cette feuille (ce que couvre une signature électronique) :", TextStyle.Small);
        pdf.Paragraph(model.ContentSha256, TextStyle.Small);
        pdf.SignatureBoxes(["La personne salariée — date et signature", "Le/la responsable hiérarchique — date, nom et signature"]);
        return pdf.ToPdf();
    }

    /// <summary>"2 h 30", "45 min", "0 h".</summary>
    public static string Hours(int minutes) => minutes == 0 ? "0 h" : FrenchLabels.Duration(minutes);

    /// <summary>
    /// The document's head: federation, operation, funding mention, then the <paramref name="heading"/>. The
    /// <paramref name="title"/> (the PDF's own, read by screen readers and shown by viewers) also names what it is for.
    /// </summary>
    private static IDocumentComposer Start(IDocumentComposerFactory factory, string heading, string title, string operationLabel, string fundingMention,
        string? managingAuthority, DateTime generatedAtUtc)
    {
        var utc = DateTime.SpecifyKind(generatedAtUtc, DateTimeKind.Utc);
        var generated = new DateTimeOffset(utc).ToOffset(Paris.GetUtcOffset(utc));
        var federation = ProgressReportBuilder.FederationName;
        // The funding mention is in the EU block at the top (emblem, mention, Région) and in every page's footer.
        return factory.Create(new DocumentSettings(title, $"{federation} — {fundingMention}", generated) { Publicity = new(fundingMention, managingAuthority) })
            .Paragraph(federation, TextStyle.Strong)
            .Paragraph(operationLabel, TextStyle.Small)
            .Heading(heading);
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpper(text[0], French.Culture) + text[1..];
}
