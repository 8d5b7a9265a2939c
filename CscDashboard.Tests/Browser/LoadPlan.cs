using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Browser;

/// <summary>The load test's settings, from the environment (docs/load.md).</summary>
internal sealed record LoadSettings(int Circuits, string? SourceDirectory, int Saves, int Steps, bool WithReport)
{
    public static LoadSettings FromEnvironment()
    {
        var quick = Environment.GetEnvironmentVariable("CSC_LOAD_QUICK") == "1";
        static int Number(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
        var source = Environment.GetEnvironmentVariable("CSC_LOAD_DATA_DIR");
        return new LoadSettings(
            Number("CSC_LOAD_CIRCUITS", quick ? 100 : 1000),
            string.IsNullOrWhiteSpace(source) ? null : source,
            Number("CSC_LOAD_SAVES", quick ? 10 : 30),
            Number("CSC_LOAD_STEPS", quick ? 20 : 30),
            Environment.GetEnvironmentVariable("CSC_LOAD_REPORT") != "0");
    }
}

/// <summary>
/// What the load test opens and expects, computed before it starts: the quarter every open overview shows (the data's last
/// one), the days the writer saves into (its last month, never closed: the demo closes months up to two months back), that
/// quarter's activity count, and the month-by-month path the clicking page follows back from the month before it (so that
/// the writer never changes the figures it expects).
/// </summary>
internal sealed record LoadPlan(string DataName, int Territories, int Activities, Period Watched, long WatchedActivities,
    DateOnly WriteFrom, DateOnly WriteTo, IReadOnlyList<(string Code, string Label, string Activities)> Path)
{
    public const string LeadEmail = "lead-load@test.csc";
    public const string WriterEmail = "writer-load@test.csc";

    /// <summary>With <c>CSC_LOAD_DATA_DIR</c>, the app starts on a copy of that folder's database (never on the database itself).</summary>
    public static void CopySourceDatabase(CscWebFactory app, LoadSettings settings)
    {
        if (settings.SourceDirectory is { } source)
        {
            Directory.CreateDirectory(app.DataDirectory);
            File.Copy(System.IO.Path.Combine(source, "csc.db"), System.IO.Path.Combine(app.DataDirectory, "csc.db"));
        }
    }

    public static async Task<LoadPlan> PrepareAsync(CscWebFactory app, LoadSettings settings)
    {
        if (settings.SourceDirectory is null)
        {
            await using var seeding = app.Services.CreateAsyncScope();
            await seeding.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CoreTestContext.DemoPassword);
        }
        await using var db = await app.CreateDbAsync();
        var first = await db.Activities.MinAsync(a => a.Date);
        var today = DateOnly.FromDateTime(DateTime.Today);
        var last = await db.Activities.Where(a => a.Date <= today).MaxAsync(a => a.Date); // a save may not be dated in the future
        var writerTerritory = await db.Activities.Where(a => a.Date == last).Select(a => a.Territory!.Code).FirstAsync();
        await app.AddUserAsync(LeadEmail, Roles.ProjectLead);
        await app.AddUserAsync(WriterEmail, Roles.Coordinator, writerTerritory);

        await using var scope = app.Services.CreateAsyncScope();
        var dashboards = new DashboardService(scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>(),
            new FixedCurrentUserAccessor(CurrentUser.System("load")), TimeProvider.System, scope.ServiceProvider.GetRequiredService<DashboardCache>());
        var watched = Period.Containing(PeriodKind.Quarter, last);
        var watchedActivities = (long)(await dashboards.GetOverviewAsync(watched)).Kpis.Activities.Value;
        var path = new List<(string, string, string)>();
        var month = Period.Containing(PeriodKind.Month, watched.From.AddDays(-1));
        for (var i = 0; i <= settings.Steps && month.To >= first; i++, month = month.Previous())
        {
            var overview = await dashboards.GetOverviewAsync(month);
            path.Add((month.Code, month.Label, Count(overview.Kpis.Activities.Value)));
        }
        return new LoadPlan(settings.SourceDirectory is null ? "démonstration" : "nationale", await db.Territories.CountAsync(),
            await db.Activities.CountAsync(), watched, watchedActivities, new DateOnly(last.Year, last.Month, 1), last, path);
    }

    /// <summary>The activity tile's text for <paramref name="activities"/>.</summary>
    public static string Count(double activities) => activities.ToString("N0", WebCulture.French);
}
