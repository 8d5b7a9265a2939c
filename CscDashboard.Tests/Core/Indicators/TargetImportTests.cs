using System.Text;
using CscDashboard.Core.Common;
using CscDashboard.Core.Indicators;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CscDashboard.Tests.Core.Indicators;

/// <summary>Targets from a workbook: every line checked, every bad line named, all written (and audited) or nothing.</summary>
public sealed class TargetImportTests
{
    private static MemoryStream Xlsx(params (string Indicator, string Territory, object? Date, object? Value)[] lines)
    {
        var rows = lines.Select(l => new Dictionary<string, object?>
        {
            ["Indicateur"] = l.Indicator, ["Territoire"] = l.Territory, ["Échéance"] = l.Date, ["Valeur"] = l.Value,
        }).ToList();
        var file = new MemoryStream();
        file.SaveAs(rows, excelType: ExcelType.XLSX);
        file.Position = 0;
        return file;
    }

    private static async Task<(CoreTestContext Ctx, Dictionary<string, int> Indicators, int OperationId)> WorldAsync()
    {
        var ctx = await CoreTestContext.CreateAsync();
        await IndicatorTestData.LeadAsync(ctx);
        var operationId = await IndicatorTestData.OperationIdAsync(ctx);
        return (ctx, await IndicatorTestData.CatalogueAsync(ctx, operationId), operationId);
    }

    [Fact]
    public async Task A_good_workbook_sets_the_targets_and_their_milestones_and_audits_each_row()
    {
        var (ctx, indicators, operationId) = await WorldAsync();
        await using var _ = ctx;
        var file = Xlsx(
            ("ACT", "ART", null, 120), ("act", "Artois", new DateTime(2022, 12, 31), 50), ("ACT", "LIL", "", "80"),
            ("HAB", "", null, "2 500,5"), ("HAB", "", "31/12/2022", 1000));
        long audit;
        await using (var db = ctx.CreateDb())
        {
            audit = await db.AuditEntries.CountAsync();
        }

        var preview = await ctx.Get<TargetImportService>().PreviewAsync(file, "cibles.xlsx", operationId);
        Assert.Empty(preview.Errors);
        Assert.Equal(3, preview.Targets);
        file.Position = 0;
        Assert.Equal(3, await ctx.Get<TargetImportService>().ImportAsync(file, "cibles.xlsx", operationId));

        var catalogue = await ctx.Get<IndicatorService>().GetCatalogueAsync(operationId);
        var (art, lil) = (await ctx.TerritoryIdAsync("ART"), await ctx.TerritoryIdAsync("LIL"));
        var artAct = catalogue.Targets.Single(t => t.IndicatorId == indicators["ACT"] && t.TerritoryId == art);
        Assert.Equal(120, artAct.Value);
        Assert.Equal([new TargetPoint(new DateOnly(2022, 12, 31), 50)], artAct.Milestones);
        Assert.Equal(80, catalogue.Targets.Single(t => t.IndicatorId == indicators["ACT"] && t.TerritoryId == lil).Value);
        var operationHab = catalogue.Targets.Single(t => t.IndicatorId == indicators["HAB"] && t.TerritoryId == null);
        Assert.Equal((2500.5m, 1000m), (operationHab.Value, operationHab.Milestones.Single().Value));
        await using var check = ctx.CreateDb();
        // Three targets and two milestones, each an audited row.
        Assert.Equal(audit + 5, await check.AuditEntries.CountAsync());
        Assert.Equal(3, await check.AuditEntries.CountAsync(a => a.Entity == nameof(IndicatorTarget) && a.Action == "Insert"));
    }

    [Fact]
    public async Task A_workbook_with_a_bad_row_writes_nothing_and_names_the_row()
    {
        var (ctx, indicators, operationId) = await WorldAsync();
        await using var _ = ctx;
        var service = ctx.Get<IndicatorService>();
        await service.SetTargetAsync(new TargetInput { IndicatorId = indicators["ACT"], TerritoryId = await ctx.TerritoryIdAsync("ART"), Value = 7 });
        long audit;
        await using (var db = ctx.CreateDb())
        {
            audit = await db.AuditEntries.CountAsync();
        }
        // Line 4 (the header is line 1): a territory that does not exist. Line 6: a target below its milestone of line 5 (told on the target's line).
        var file = Xlsx(("ACT", "ART", null, 120), ("ACT", "LIL", null, 80), ("HAB", "XYZ", null, 10), ("PRO", "ART", "31/12/2022", 900), ("PRO", "ART", null, 300));

        var preview = await ctx.Get<TargetImportService>().PreviewAsync(file, "cibles.xlsx", operationId);
        Assert.False(preview.CanImport);
        Assert.Contains(preview.Errors, e => e.Line == 4 && e.Message.Contains("territoire inconnu « XYZ »", StringComparison.Ordinal));
        Assert.Contains(preview.Errors, e => e.Line == 6 && e.Message.Contains("Le jalon du 31/12/2022 (900) doit être compris entre 0 et la cible (300).", StringComparison.Ordinal));
        Assert.False(preview.Rows.Single(r => r.Line == 4).IsValid);
        Assert.True(preview.Rows.Single(r => r.Line == 2).IsValid);

        file.Position = 0;
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<TargetImportService>().ImportAsync(file, "cibles.xlsx", operationId));
        Assert.Contains("Ligne 4", refused.Errors.Keys);
        Assert.Contains("Ligne 6", refused.Errors.Keys);
        Assert.DoesNotContain("Ligne 2", refused.Errors.Keys);

        await using var check = ctx.CreateDb();
        Assert.Equal(audit, await check.AuditEntries.CountAsync());
        Assert.Equal([7m], await check.IndicatorTargets.Select(t => t.Value).ToListAsync());
        Assert.Equal(0, await check.TargetMilestones.CountAsync());
    }

    [Fact]
    public async Task A_csv_with_an_unknown_indicator_or_a_missing_target_line_lists_every_bad_line()
    {
        var (ctx, _, operationId) = await WorldAsync();
        await using var __ = ctx;
        var csv = "Indicateur;Territoire;Échéance;Valeur\r\nNOPE;ART;;5\r\nACT;ART;31/12/2022;5\r\nHAB;LIL;;abc\r\nCOF;;2030-01-01;10\r\nCOF;;;100\r\n";
        var preview = await ctx.Get<TargetImportService>().PreviewAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "cibles.csv", operationId);

        Assert.Equal([2, 3, 4, 6], preview.Errors.Select(e => e.Line).Distinct().Order());
        Assert.Contains(preview.Errors, e => e.Line == 2 && e.Message.Contains("indicateur inconnu « NOPE »", StringComparison.Ordinal));
        Assert.Contains(preview.Errors, e => e.Line == 3 && e.Message.Contains("aucune ligne sans échéance", StringComparison.Ordinal));
        Assert.Contains(preview.Errors, e => e.Line == 4 && e.Message.Contains("nombre invalide « abc »", StringComparison.Ordinal));
        Assert.Contains(preview.Errors, e => e.Line == 6 && e.Message.Contains("Le jalon du 01/01/2030 doit tomber entre", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_project_lead_and_the_admin_import_targets()
    {
        var (ctx, _, operationId) = await WorldAsync();
        await using var __ = ctx;
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        await Assert.ThrowsAsync<ScopeViolationException>(() =>
            ctx.Get<TargetImportService>().PreviewAsync(Xlsx(("ACT", "ART", null, 1)), "cibles.xlsx", operationId));
    }
}
