using System.Diagnostics.CodeAnalysis;
using System.Text;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Indicators;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

/// <summary>
/// Indicators and targets (issue 17, ADR 025): the sections read by every role for the operation (the committee too: figures, no
/// names) and by staff for a territory; the catalogue and the declared values read by staff; the catalogue and the targets written
/// (and imported) by the project lead; a territory's declared values by its coordinators too.
/// </summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static IReadOnlyList<Row> IndicatorRows =>
    [
        On<IndicatorDashboardService>.Read(nameof(IndicatorDashboardService.GetOverviewAsync), (s, w) => s.GetOverviewAsync(w.March),
            SignedIn(Ok.With("Ateliers tenus"))),
        On<IndicatorDashboardService>.Read(nameof(IndicatorDashboardService.GetTerritoryAsync), (s, w) => s.GetTerritoryAsync("ART", w.March), Staff(Sees(Data.Art))),
        On<IndicatorDashboardService>.Read(nameof(IndicatorDashboardService.GetMyTerritoriesAsync), (s, w) => s.GetMyTerritoriesAsync(),
            Cases(No, Sees(Data.None), Sees(Data.None), Sees(Data.None), Sees(Data.Art), Sees(Data.Lil))),
        On<DashboardService>.Read(nameof(DashboardService.GetOverviewWithIndicatorsAsync), (s, w) => s.GetOverviewWithIndicatorsAsync(w.March),
            SignedIn(Sees(Data.Art | Data.Lil).With("Ateliers tenus"))),
        On<DashboardService>.Read(nameof(DashboardService.GetTerritoryWithIndicatorsAsync), (s, w) => s.GetTerritoryWithIndicatorsAsync("ART", w.March),
            Staff(Sees(Data.Art).With("Ateliers tenus"))),

        // The catalogue lists every territory for the targets page (reference data); the declared values, with their notes, are staff's.
        On<IndicatorService>.Read(nameof(IndicatorService.GetCatalogueAsync), (s, w) => s.GetCatalogueAsync(w.OperationId), Staff(Sees(Data.Art | Data.Lil))),
        On<IndicatorService>.Write(nameof(IndicatorService.CreateIndicatorAsync), (s, w) => s.CreateIndicatorAsync(w.IndicatorInput()), Federation(Ok)),
        On<IndicatorService>.Write(nameof(IndicatorService.UpdateIndicatorAsync), w => w.NewIndicatorAsync(),
            (s, w, i) => s.UpdateIndicatorAsync(i.Id, w.IndicatorInput() with { Name = "Indicateur renommé" }, i.Version), Federation(Ok)),
        On<IndicatorService>.Write(nameof(IndicatorService.DeleteIndicatorAsync), w => w.NewIndicatorAsync(), (s, w, i) => s.DeleteIndicatorAsync(i.Id), Federation(Ok)),
        On<IndicatorService>.Write(nameof(IndicatorService.SetTargetAsync), w => w.NewIndicatorAsync(),
            (s, w, i) => s.SetTargetAsync(new TargetInput { IndicatorId = i.Id, TerritoryId = w.Art, Value = 40, Milestones = [new(new DateOnly(2022, 12, 31), 15)] }),
            Federation(Ok)),
        On<IndicatorService>.Write(nameof(IndicatorService.RemoveTargetAsync), w => w.NewIndicatorAsync(target: true),
            (s, w, i) => s.RemoveTargetAsync(i.Id, w.Art), Federation(Ok)),
        On<TargetImportService>.Read(nameof(TargetImportService.PreviewAsync), (s, w) => s.PreviewAsync(w.TargetsCsv("COF"), "cibles.csv", w.OperationId),
            Federation(Ok)),
        On<TargetImportService>.Write(nameof(TargetImportService.ImportAsync), w => w.NewIndicatorAsync(),
            (s, w, i) => s.ImportAsync(w.TargetsCsv(i.Code), "cibles.csv", w.OperationId), Federation(Ok)),

        On<DeclarationService>.Read(nameof(DeclarationService.ListAsync), (s, w) => s.ListAsync(w.OperationId), Staff(Sees(Data.Art | Data.Lil | Data.Federation))),
        // The evidence a value may point to is the territory's: read where its evidence is read.
        On<DeclarationService>.Read(nameof(DeclarationService.EvidenceOptionsAsync), (s, w) => s.EvidenceOptionsAsync(w.OperationId, w.Art), OwnTerritory(Sees(Data.Art))),
        On<DeclarationService>.Write(nameof(DeclarationService.CreateAsync), w => w.NewIndicatorAsync(manual: true),
            (s, w, i) => s.CreateAsync(w.DeclarationInput(i.Id, w.Art)), OwnTerritory(Ok)),
        On<DeclarationService>.Write(nameof(DeclarationService.CreateAsync), w => w.NewIndicatorAsync(manual: true),
            (s, w, i) => s.CreateAsync(w.DeclarationInput(i.Id, null)), Federation(Ok), "niveau de l'opération"),
        On<DeclarationService>.Write(nameof(DeclarationService.UpdateAsync), w => w.NewDeclarationAsync(),
            (s, w, d) => s.UpdateAsync(d.Id, w.DeclarationInput(d.IndicatorId, w.Art) with { Value = 999 }, d.Version), OwnTerritory(Ok)),
        On<DeclarationService>.Write(nameof(DeclarationService.DeleteAsync), w => w.NewDeclarationAsync(), (s, w, d) => s.DeleteAsync(d.Id), OwnTerritory(Ok)),
    ];

    public sealed partial class World
    {
        public sealed record IndicatorRef(int Id, string Code, long Version);

        public sealed record DeclarationRef(int Id, int IndicatorId, long Version);

        public IndicatorInput IndicatorInput(IndicatorSource source = IndicatorSource.Activities) => new()
        {
            OperationId = OperationId, Code = $"M{Next()}", Name = "Indicateur de la matrice", Unit = "activités", Source = source,
        };

        [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "The matrix's cases read everything from the world they are given (w.…), its inputs included.")]
        public DeclarationInput DeclarationInput(int indicatorId, int? territoryId) => new()
        {
            IndicatorId = indicatorId, TerritoryId = territoryId, From = new DateOnly(2023, 1, 1), To = new DateOnly(2023, 3, 1), Value = 5_000,
            Note = "Convention de la matrice",
        };

        /// <summary>A one-line targets file for the indicator's code: 5 for ART.</summary>
        [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "The matrix's cases read everything from the world they are given (w.…), its inputs included.")]
        public Stream TargetsCsv(string code) => new MemoryStream(Encoding.UTF8.GetBytes($"Indicateur;Territoire;Échéance;Valeur\n{code};ART;;5\n"));

        /// <summary>A fresh indicator (as the system), manual or computed, with ART's target when asked.</summary>
        public async Task<IndicatorRef> NewIndicatorAsync(bool manual = false, bool target = false)
        {
            var service = Ctx.Get<IndicatorService>();
            var input = IndicatorInput(manual ? IndicatorSource.Manual : IndicatorSource.Activities);
            var id = await service.CreateIndicatorAsync(input);
            if (target)
            {
                await service.SetTargetAsync(new TargetInput { IndicatorId = id, TerritoryId = Art, Value = 10 });
            }
            await using var db = Ctx.CreateDb();
            return new IndicatorRef(id, input.Code, await db.Indicators.Where(i => i.Id == id).Select(i => i.Version).SingleAsync());
        }

        /// <summary>A fresh value declared for ART on a fresh manual indicator.</summary>
        public async Task<DeclarationRef> NewDeclarationAsync()
        {
            var indicator = await NewIndicatorAsync(manual: true);
            var id = await Ctx.Get<DeclarationService>().CreateAsync(DeclarationInput(indicator.Id, Art));
            await using var db = Ctx.CreateDb();
            return new DeclarationRef(id, indicator.Id, await db.IndicatorDeclarations.Where(d => d.Id == id).Select(d => d.Version).SingleAsync());
        }

        /// <summary>The operation's catalogue: an indicator named for the federation's marker, and values declared for ART, LIL and the operation.</summary>
        private async Task AddIndicatorsAsync()
        {
            var service = Ctx.Get<IndicatorService>();
            await service.CreateIndicatorAsync(IndicatorInput() with { Code = "ACT", Name = "Ateliers tenus" });
            var cofunding = await service.CreateIndicatorAsync(IndicatorInput(IndicatorSource.Manual) with { Code = "COF", Name = "Cofinancements" });
            await service.SetTargetAsync(new TargetInput { IndicatorId = cofunding, TerritoryId = Art, Value = 20_000 });
            foreach (var (territory, marker) in new[] { ((int?)Art, "Artemis"), (Lil, "Lilas"), (null, "Zenith") })
            {
                await Ctx.Get<DeclarationService>().CreateAsync(DeclarationInput(cofunding, territory) with { Note = $"Convention {marker}" });
            }
        }
    }
}
