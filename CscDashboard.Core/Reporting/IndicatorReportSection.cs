using CscDashboard.Core.Common;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Reporting.Pdf;

namespace CscDashboard.Core.Reporting;

/// <summary>
/// The report's "Indicateurs et cibles" section (issue 17): the table the dashboards show for the report's scope, then who
/// was reached over the period (age bands and publics, with how much of the inhabitants the breakdown describes). Reads only
/// the frozen <see cref="IndicatorSection"/>.
/// </summary>
internal static class IndicatorReportSection
{
    public static void Compose(IDocumentComposer pdf, IndicatorSection section)
    {
        pdf.Heading("Indicateurs et cibles");
        if (section.OperationCode is null || section.Lines.Count == 0)
        {
            pdf.Paragraph(section.OperationCode is null
                ? "Aucune opération ne couvre la période : pas d'indicateur à suivre."
                : $"Le catalogue d'indicateurs de l'opération {section.OperationCode} est vide.", TextStyle.Muted);
        }
        else
        {
            pdf.Paragraph($"{section.ScopeLabel}, opération {section.OperationCode}. « Période » : la valeur de la période du bilan ; « cumul » : "
                    + $"depuis le {French.DayMonthYear(section.OperationStart)} jusqu'au {French.DayMonthYear(section.Reference)} ; « attendu » : la valeur "
                    + "de la cible à cette date, en ligne droite entre ses jalons ; Σ : cible égale à la somme des cibles des territoires. "
                    + "Indicateurs européens marqués « UE ».", TextStyle.Muted)
                .Table(
                [
                    new TableColumn("Indicateur", 3.2), new TableColumn("Période", 1, CellAlign.Right), new TableColumn("Cumul", 1, CellAlign.Right),
                    new TableColumn("Cible", 1.1, CellAlign.Right), new TableColumn("Attendu", 1, CellAlign.Right), new TableColumn("Réalisé", 0.9, CellAlign.Right),
                    new TableColumn("Statut", 1.2),
                ],
                section.Lines.Select(l => (IReadOnlyList<string>)
                [
                    $"{l.Name} ({l.Unit}{(l.IsEu ? ", UE" : "")})", IndicatorLabels.Value(l.PeriodValue), IndicatorLabels.Value(l.Cumulative),
                    l.Target is { } target ? IndicatorLabels.Value(target) + (l.TargetIsSum ? " Σ" : "") : "—",
                    l.Expected is { } expected ? IndicatorLabels.Value(expected) : "—", IndicatorLabels.Percent(l.PercentAchieved),
                    French.Capitalize(IndicatorLabels.Of(l.Status)),
                ]).ToList());
        }
        ComposeAudience(pdf, section.Audience);
    }

    private static void ComposeAudience(IDocumentComposer pdf, AudienceBreakdown audience)
    {
        pdf.Heading("Habitants touchés : qui ?", 2);
        if (audience.Inhabitants == 0)
        {
            pdf.Paragraph("Aucun habitant compté sur la période.", TextStyle.Muted);
            return;
        }
        pdf.Paragraph($"{French.Plural(audience.Inhabitants, "habitant compté", "habitants comptés")} sur la période ; l'âge est décrit pour "
            + $"{N(audience.AgesDescribed)} ({P(audience.AgesShare)}), les publics pour {N(audience.PublicsDescribed)} ({P(audience.PublicsShare)}). "
            + "Des nombres, jamais de noms ; un habitant peut appartenir à plusieurs publics.", TextStyle.Muted);
        pdf.Table([new TableColumn("Tranche d'âge ou public", 3), new TableColumn("Habitants", 1, CellAlign.Right), new TableColumn("Part des habitants comptés", 1.4, CellAlign.Right)],
            audience.Groups.OrderBy(g => g.Kind).Select(g => (IReadOnlyList<string>)[$"{IndicatorLabels.Of(g.Kind)} : {g.Name}", N(g.Count), P(g.Share)]).ToList());
    }

    private static string N(int value) => value.ToString("N0", French.Culture);

    private static string P(double share) => share.ToString("P0", French.Culture);
}
