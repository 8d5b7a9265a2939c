using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Indicators;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Indicators;

/// <summary>One indicator of each source for the first operation (CSC-2021-2023), created by the project lead.</summary>
internal static class IndicatorTestData
{
    public static async Task<int> OperationIdAsync(CoreTestContext ctx)
    {
        await using var db = ctx.CreateDb();
        return await db.Operations.Where(o => o.Code == ReferenceData.FirstOperationCode).Select(o => o.Id).SingleAsync();
    }

    public static async Task<int> GroupIdAsync(CoreTestContext ctx, string code)
    {
        await using var db = ctx.CreateDb();
        return await db.AudienceGroups.Where(g => g.Code == code).Select(g => g.Id).SingleAsync();
    }

    /// <summary>Codes: ACT (public actions), HAB (inhabitants), PRO (professionals and volunteers of network animation), SEN (seniors), PAR, CEN (active), ENG (engaged), COF (manual).</summary>
    public static async Task<Dictionary<string, int>> CatalogueAsync(CoreTestContext ctx, int operationId)
    {
        var seniors = await GroupIdAsync(ctx, "SENIORS");
        var service = ctx.Get<IndicatorService>();
        var ids = new Dictionary<string, int>();
        foreach (var (code, source, type, group, eu) in new (string, IndicatorSource, ActivityType?, int?, bool)[]
        {
            ("ACT", IndicatorSource.Activities, ActivityType.PublicAction, null, true),
            ("HAB", IndicatorSource.Inhabitants, null, null, true),
            ("PRO", IndicatorSource.ProfessionalsAndVolunteers, ActivityType.NetworkAnimation, null, true),
            ("SEN", IndicatorSource.AudienceInhabitants, null, seniors, false),
            ("PAR", IndicatorSource.PartnersMet, null, null, false),
            ("CEN", IndicatorSource.CentresActive, null, null, false),
            ("ENG", IndicatorSource.CentresEngaged, null, null, true),
            ("COF", IndicatorSource.Manual, null, null, true),
        })
        {
            ids[code] = await service.CreateIndicatorAsync(new IndicatorInput
            {
                OperationId = operationId, Code = code, Name = $"Indicateur {code}", Unit = "unités", IsEu = eu, Source = source, ActivityType = type, AudienceGroupId = group,
            });
        }
        return ids;
    }

    public static async Task<CurrentUser> LeadAsync(CoreTestContext ctx)
    {
        var lead = await ctx.AddUserAsync($"cheffe-{Guid.NewGuid():N}@test.csc", Roles.ProjectLead);
        ctx.ActAs(lead);
        return lead;
    }
}
