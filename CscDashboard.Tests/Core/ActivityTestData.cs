using CscDashboard.Core.Activities;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Core;

/// <summary>Small hand-made records for the activity tests.</summary>
internal static class ActivityTestData
{
    /// <summary>Today in the default test clock is 2023-03-15.</summary>
    public static readonly DateOnly Today = new(2023, 3, 15);

    public static ActivityInput Visit(int territoryId, string title = "Visite de suivi") => new()
    {
        Date = Today,
        DurationMinutes = 60,
        TerritoryId = territoryId,
        Type = ActivityType.CentreSupport,
        Format = ActivityFormat.Visit,
        Place = ActivityPlace.InCentre,
        Title = title,
    };

    public static async Task<int> AddCentreAsync(CoreTestContext ctx, string territoryCode, string name)
    {
        var territoryId = await ctx.TerritoryIdAsync(territoryCode);
        await using var db = ctx.CreateDb();
        var centre = new SocialCentre { Name = name, Commune = "Commune", Postcode = "59000", TerritoryId = territoryId, Status = CentreStatus.Engaged };
        db.Centres.Add(centre);
        await db.SaveChangesAsync();
        return centre.Id;
    }
}
