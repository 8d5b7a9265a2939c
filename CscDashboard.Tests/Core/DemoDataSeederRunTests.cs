using System.Diagnostics;
using CscDashboard.Core.Data;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CscDashboard.Tests.Core;

/// <summary>Seeding runs on fresh databases: idempotence, reproducibility, and the full-size timing.</summary>
public sealed class DemoDataSeederRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Seeding_twice_adds_nothing_the_second_time()
    {
        await using var host = await CoreTestContext.CreateAsync(new DateOnly(2023, 3, 15));
        await host.SeedDemoAsync();
        var first = await CountsAsync(host);
        host.Clock.Advance(TimeSpan.FromDays(3));
        await host.SeedDemoAsync();
        Assert.Equal(first, await CountsAsync(host));
    }

    [Fact]
    public async Task The_same_day_gives_the_same_data()
    {
        var fingerprints = new List<string[]>();
        foreach (var _ in new[] { 1, 2 })
        {
            await using var host = await CoreTestContext.CreateAsync(new DateOnly(2022, 5, 20));
            await host.SeedDemoAsync();
            await using var db = host.CreateDb();
            fingerprints.Add(await db.Activities.OrderBy(a => a.Id)
                .Select(a => a.Date + " " + a.StartTime + " " + a.Type + " " + a.TerritoryId + " " + a.Title + " " + a.Centres.Count())
                .ToArrayAsync());
        }
        Assert.Equal(fingerprints[0], fingerprints[1]);
    }

    [Fact]
    public async Task Full_demo_up_to_2026_11_29_seeds_in_seconds()
    {
        await using var host = await CoreTestContext.CreateAsync(new DateOnly(2026, 11, 29));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await host.SeedDemoAsync();
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        await using var db = host.CreateDb();
        var activities = await db.Activities.CountAsync();
        var joins = await db.ActivityCentres.CountAsync() + await db.ActivityWorkstreams.CountAsync() + await db.ActivityPartners.CountAsync();
        // CPU time is the whole process's: other tests running in parallel add to it.
        output.WriteLine($"Demo seed up to 2026-11-29: {watch.Elapsed.TotalSeconds:0.00} s ({cpu.TotalSeconds:0.00} s CPU), {activities} activities, {joins} join rows.");
        Assert.InRange(activities, 35_000, 60_000);
        Assert.True(await db.Expenses.AnyAsync(e => e.Operation!.Code == "CSC-2024-2027"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    private static async Task<int[]> CountsAsync(CoreTestContext host)
    {
        await using var db = host.CreateDb();
        return
        [
            await db.Users.CountAsync(), await db.Operations.CountAsync(), await db.Centres.CountAsync(),
            await db.Members.CountAsync(), await db.Partners.CountAsync(), await db.Activities.CountAsync(),
            await db.ActivityCentres.CountAsync(), await db.ActivityWorkstreams.CountAsync(), await db.ActivityPartners.CountAsync(),
            await db.WorkstreamCoordinators.CountAsync(), await db.WatchItems.CountAsync(), await db.Deliverables.CountAsync(),
            await db.BudgetLines.CountAsync(), await db.Expenses.CountAsync(), await db.FundingSources.CountAsync(),
            await db.SystemSettings.CountAsync(), await db.AuditEntries.CountAsync(),
        ];
    }
}
