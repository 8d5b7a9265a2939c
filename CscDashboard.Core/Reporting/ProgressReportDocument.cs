using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Reporting.Pdf;

namespace CscDashboard.Core.Reporting;

/// <summary>
/// The progress report (bilan) as a PDF, made of small compose methods that read only the
/// <see cref="ProgressReportModel"/>. A territory report has the same structure for one territory.
/// </summary>
public sealed class ProgressReportDocument(ProgressReportModel model)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public byte[] Render(IDocumentComposerFactory factory)
    {
        var pdf = Create(factory);
        foreach (var compose in Sections())
        {
            compose(pdf);
        }
        return pdf.ToPdf();
    }

    /// <summary>
    /// The same document for a background job: it yields between sections, so that a long report lets the
    /// pages' work queued meanwhile run instead of holding a thread-pool thread from start to end (ADR 034).
    /// </summary>
    public async Task<byte[]> RenderAsync(IDocumentComposerFactory factory, CancellationToken ct)
    {
        var pdf = Create(factory);
        foreach (var compose in Sections())
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            compose(pdf);
        }
        await Task.Yield();
        return pdf.ToPdf();
    }

    private IDocumentComposer Create(IDocumentComposerFactory factory)
    {
        var generated = new DateTimeOffset(DateTime.SpecifyKind(model.GeneratedAtUtc, DateTimeKind.Utc)).ToOffset(Paris.GetUtcOffset(model.GeneratedAtUtc));
        // The PDF's own title (shown by viewers, read first by screen readers) names the period too.
        return factory.Create(new DocumentSettings($"{model.Title} — {model.PeriodLabel}", $"{model.FederationName} — {Operation.FundingMentionOf(model.Programme)}", generated)
        {
            Publicity = new(Operation.FundingMentionOf(model.Programme), model.ManagingAuthority),
        });
    }

    /// <summary>The document's sections in order, each one compose step.</summary>
    private IEnumerable<Action<IDocumentComposer>> Sections()
    {
        yield return ComposeCover;
        yield return ComposeSummary;
        if (model.Indicators is { } indicators)
        {
            yield return pdf => IndicatorReportSection.Compose(pdf, indicators);
        }
        if (model.TerritoryCode is null)
        {
            yield return ComposeTerritories;
        }
        foreach (var section in model.TerritorySections)
        {
            yield return pdf => ComposeTerritory(pdf, section);
        }
        yield return ComposeWorkstreams;
        yield return ComposeTrend;
        yield return ComposePartnersAndFunding;
        yield return ComposeEvidence;
        yield return pdf => Governance.DecisionReport.Compose(pdf, model.Decisions);
        yield return ComposeNextSteps;
    }

    private void ComposeCover(IDocumentComposer pdf) => pdf.Cover(model.Title, model.PeriodLabel,
    [
        model.FederationName,
        $"Opération {model.OperationCode} — {model.OperationName}",
        $"Programme : {model.Programme}",
        $"Périmètre : {model.ScopeLabel}",
        Operation.FundingMentionOf(model.Programme),
        "Avec le soutien de la Région Hauts-de-France",
    ]);

    private void ComposeSummary(IDocumentComposer pdf)
    {
        var k = model.Kpis;
        pdf.Heading("Synthèse")
            .Paragraph($"Chiffres de la période ({model.PeriodLabel}) et évolution par rapport à la période précédente ({model.PreviousPeriodLabel}).", TextStyle.Muted);
        if (model.Validation is { } validation)
        {
            // The months not yet approved by the project lead may still move (ADR 027): the report says which.
            pdf.Paragraph(validation.Sentence, validation.IsProvisional ? TextStyle.Strong : TextStyle.Muted);
        }
        pdf.KpiTiles(
            [
                Tile("Activités", k.Activities, "N0"),
                Tile("Heures", k.Hours, "N1"),
                Tile("Habitants touchés", k.Inhabitants, "N0"),
                Tile("Professionnels et bénévoles", k.ProfessionalsAndVolunteers, "N0"),
                Tile("Centres engagés", k.CentresEngaged, "N0"),
                Tile("Centres actifs", k.CentresActive, "N0"),
                Tile("Membres du réseau actifs", k.MembersActive, "N0"),
                Tile("Partenaires rencontrés", k.PartnersMet, "N0"),
            ], columns: 4);
        if (model.Types.Count > 0)
        {
            pdf.Heading("Par type d'activité", 2).Table(
                [new TableColumn("Type", 3), new TableColumn("Activités", 1, CellAlign.Right), new TableColumn("Heures", 1, CellAlign.Right)],
                model.Types.Select(t => Row(Common.FrenchLabels.Of(t.Type), N(t.Activities), D(t.Hours))).ToList());
        }
    }

    private void ComposeTerritories(IDocumentComposer pdf)
    {
        pdf.PageBreak().Heading("Les territoires comparés").Table(
            [
                new TableColumn("Territoire", 3), new TableColumn("Activités", 1, CellAlign.Right), new TableColumn("Heures", 1, CellAlign.Right),
                new TableColumn("Habitants", 1, CellAlign.Right), new TableColumn("Centres actifs", 1, CellAlign.Right), new TableColumn("Partenaires", 1, CellAlign.Right),
            ],
            model.Territories.Select(t => Row(t.Name, N(t.Figures.Activities), D(t.Figures.Hours), N(t.Figures.Inhabitants), N(t.Figures.CentresActive), N(t.Figures.PartnersMet))).ToList());
        pdf.BarChart("Activités par territoire", model.Territories.Select(t => t.Name).ToList(), model.Territories.Select(t => (double)t.Figures.Activities).ToList())
            .Paragraph("Les chiffres de ce graphique figurent dans la colonne « Activités » du tableau ci-dessus.", TextStyle.Small);
        if (model.Sectors.Count > 0)
        {
            pdf.Heading("Par secteur", 2).Table(
                [new TableColumn("Secteur", 4), new TableColumn("Activités", 1, CellAlign.Right), new TableColumn("Heures", 1, CellAlign.Right), new TableColumn("Centres actifs", 1, CellAlign.Right)],
                model.Sectors.Select(s => Row(s.Name, N(s.Figures.Activities), D(s.Figures.Hours), N(s.Figures.CentresActive))).ToList());
        }
    }

    private static void ComposeTerritory(IDocumentComposer pdf, TerritorySection section)
    {
        var f = section.Figures;
        pdf.PageBreak().Heading($"Territoire : {section.Name}")
            .KeyValues(
            [
                new("Activités", N(f.Activities)), new("Heures", D(f.Hours)), new("Habitants touchés", N(f.Inhabitants)),
                new("Centres actifs / engagés", $"{N(f.CentresActive)} / {N(f.CentresEngaged)}"), new("Partenaires rencontrés", N(f.PartnersMet)),
            ]);
        if (section.Centres.Count > 0)
        {
            pdf.Heading("Centres", 2).Table(
                [new TableColumn("Centre", 3), new TableColumn("Commune", 2), new TableColumn("Activités", 1, CellAlign.Right), new TableColumn("Dernière visite", 1.3), new TableColumn("Suivi", 1.2)],
                section.Centres.Select(c => Row(c.Name, c.Commune, N(c.Activities), c.LastVisit?.ToString("dd/MM/yyyy", French.Culture) ?? "—", c.Dormant ? "En sommeil" : "Actif")).ToList());
        }
        pdf.Heading("Temps forts", 2);
        if (section.Highlights.Count == 0)
        {
            pdf.Paragraph("Aucun temps fort signalé sur la période.", TextStyle.Muted);
        }
        foreach (var h in section.Highlights)
        {
            pdf.Paragraph($"{h.Date.ToString("dd/MM/yyyy", French.Culture)} — {h.Title}", TextStyle.Strong)
                .Paragraph(string.Join(" · ", new[] { h.Type, h.Centres }.Where(s => !string.IsNullOrEmpty(s))), TextStyle.Small);
        }
    }

    private void ComposeWorkstreams(IDocumentComposer pdf)
    {
        pdf.PageBreak().Heading("Chantiers thématiques");
        foreach (var w in model.WorkstreamSections)
        {
            pdf.Heading($"{w.Number}. {w.Name}", 2)
                .KeyValues([new("Séances", N(w.Sessions)), new("Heures", D(w.Hours)), new("Habitants touchés", N(w.Inhabitants))]);
            if (w.PerTerritory.Count > 0)
            {
                pdf.Table([new TableColumn("Territoire", 3), new TableColumn("Séances", 1, CellAlign.Right)],
                    w.PerTerritory.Select(t => Row(t.Territory, N(t.Sessions))).ToList());
            }
            if (w.Deliverables.Count > 0)
            {
                pdf.Table([new TableColumn("Livrable", 4), new TableColumn("Échéance", 1.3), new TableColumn("État", 1.2)],
                    w.Deliverables.Select(d => Row(d.Title, d.DueDate.ToString("dd/MM/yyyy", French.Culture), d.Status)).ToList());
            }
        }
    }

    /// <summary>The chart, then its figures as a table: a screen reader (or a reader who prefers numbers) gets them all (ADR 022).</summary>
    private void ComposeTrend(IDocumentComposer pdf)
    {
        pdf.Heading("Tendance sur 12 mois").LineChart("Activités et heures par mois",
            model.Trend.Select(m => m.Month.ToString("MMM yy", French.Culture)).ToList(),
            [new ChartSeries("Activités", model.Trend.Select(m => (double)m.Activities).ToList()), new ChartSeries("Heures", model.Trend.Select(m => m.Hours).ToList())]);
        if (model.Trend.Count > 0)
        {
            pdf.Paragraph("Les chiffres du graphique :", TextStyle.Small).Table(
                [new TableColumn("Mois", 2), new TableColumn("Activités", 1, CellAlign.Right), new TableColumn("Heures", 1, CellAlign.Right)],
                model.Trend.Select(m => Row(French.Capitalize(French.MonthYear(m.Month)) + (m.Partial ? " (en cours)" : ""), N(m.Activities), D(m.Hours))).ToList());
        }
    }

    private void ComposePartnersAndFunding(IDocumentComposer pdf)
    {
        pdf.PageBreak().Heading("Partenaires et cofinancements");
        if (model.Partners.Count > 0)
        {
            pdf.Heading("Partenaires", 2).Table(
                [new TableColumn("Partenaire", 3), new TableColumn("Type", 1.4), new TableColumn("Périmètre", 2), new TableColumn("Comité", 0.9), new TableColumn("Activités", 1, CellAlign.Right)],
                model.Partners.Select(p => Row(p.Name, p.Kind, p.Scope, p.CommitteeMember ? "Oui" : "", N(p.Activities))).ToList());
        }
        pdf.Heading("Plan de financement de l'opération", 2);
        if (model.Funding.Count == 0)
        {
            pdf.Paragraph("Aucun financement enregistré.", TextStyle.Muted);
            return;
        }
        pdf.Table(
            [new TableColumn("Financeur", 3), new TableColumn("Engagé (€)", 1.4, CellAlign.Right), new TableColumn("Reçu (€)", 1.4, CellAlign.Right), new TableColumn("Reçu / engagé", 1.2, CellAlign.Right)],
            model.Funding.Select(f => Row(f.Name, f.Committed.ToString("N2", French.Culture), f.Received.ToString("N2", French.Culture),
                f.Committed == 0 ? "—" : (f.Received / f.Committed).ToString("P0", French.Culture))).ToList());
    }

    private void ComposeEvidence(IDocumentComposer pdf)
    {
        if (model.Evidence is not { Count: > 0 } lines)
        {
            return;
        }
        pdf.Heading("Pièces justificatives")
            .Paragraph("Pièces attendues par les règles du programme (facture ou bon de commande de chaque dépense, feuille "
                + "d'émargement des actions collectives, feuille de temps signée de chaque mois et lettre de mission des salariés, "
                + "preuve de publicité de chaque centre engagé) et déposées dans le coffre, sur la période puis depuis le début "
                + $"de l'opération {model.OperationCode}.", TextStyle.Muted);
        var rows = lines.Select(l => Row(l.Territory, N(l.Required), N(l.Satisfied), Percent(l.Satisfied, l.Required), Percent(l.SatisfiedToDate, l.RequiredToDate))).ToList();
        if (lines.Count > 1)
        {
            int required = lines.Sum(l => l.Required), satisfied = lines.Sum(l => l.Satisfied);
            rows.Add(Row("Total", N(required), N(satisfied), Percent(satisfied, required),
                Percent(lines.Sum(l => l.SatisfiedToDate), lines.Sum(l => l.RequiredToDate))));
        }
        pdf.Table(
            [
                new TableColumn("Territoire", 3), new TableColumn("Attendues", 1, CellAlign.Right), new TableColumn("Déposées", 1, CellAlign.Right),
                new TableColumn("Taux sur la période", 1.3, CellAlign.Right), new TableColumn("Taux depuis le début", 1.3, CellAlign.Right),
            ],
            rows);
    }

    private static string Percent(int satisfied, int required) => ComplianceRules.Percent(satisfied, required).ToString("N1", French.Culture) + " %";

    private void ComposeNextSteps(IDocumentComposer pdf)
    {
        pdf.Heading("Prochaines étapes");
        if (model.NextSteps.Count == 0)
        {
            pdf.Paragraph("Aucune suite signalée.", TextStyle.Muted);
        }
        foreach (var step in model.NextSteps)
        {
            pdf.Paragraph("• " + step);
        }
    }

    private static KpiTile Tile(string label, Kpi kpi, string format) => new(label, kpi.Value.ToString(format, French.Culture),
        kpi.ChangePercent is { } change ? (change >= 0 ? "+" : "") + change.ToString("N1", French.Culture) + " %" : "—");

    private static string[] Row(params string[] cells) => cells;

    private static string N(int value) => value.ToString("N0", French.Culture);

    private static string D(double value) => value.ToString("N1", French.Culture);
}
