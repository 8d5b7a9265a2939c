using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Network;

/// <summary>Builders shared by the network directory tests.</summary>
internal static class NetworkTestData
{
    public static CentreInput Centre(int territoryId, string name = "Centre social Jean Jaurès", string commune = "Arras") => new()
    {
        Name = name,
        Commune = commune,
        Postcode = "62000",
        Address = "1 rue de la Paix",
        TerritoryId = territoryId,
        Status = CentreStatus.Engaged,
        CandidateSince = new DateOnly(2021, 9, 1),
        EngagedOn = new DateOnly(2021, 10, 1),
    };

    public static MemberInput Member(int territoryId, int? centreId = null, string first = "Awa", string last = "Diallo") => new()
    {
        FirstName = first,
        LastName = last,
        Email = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}@centre.fr",
        Role = MemberRole.Ctn,
        TerritoryId = territoryId,
        CentreId = centreId,
        Assignment = Assignment.FixedPercent,
        AssignmentPercent = 50,
        ActiveFrom = new DateOnly(2021, 9, 1),
    };

    public static PartnerInput Partner(int? territoryId, string name = "Mairie d'Arras") => new()
    {
        Name = name,
        Kind = PartnerKind.Commune,
        TerritoryId = territoryId,
        ContactName = "Jeanne Martin",
        ContactEmail = "jeanne.martin@arras.fr",
    };

    /// <summary>Acts as a project lead to create a centre, then restores the previous caller.</summary>
    public static async Task<int> AddCentreAsync(CoreTestContext ctx, CentreInput input)
    {
        var previous = ctx.Users.Current;
        ctx.ActAs(CurrentUser.System("test"));
        var id = await ctx.Get<CentreService>().CreateAsync(input);
        ctx.ActAs(previous);
        return id;
    }

    public static async Task<int> AddActivityAsync(CoreTestContext ctx, string authorId, int territoryId, int centreId, DateOnly date,
        ActivityType type, ActivityFormat format, string title, bool deleted = false)
    {
        await using var db = ctx.CreateDb();
        var operationId = await db.Operations.Where(o => o.StartDate <= date && o.EndDate >= date).Select(o => o.Id).FirstAsync();
        var activity = new Activity
        {
            OperationId = operationId,
            AuthorId = authorId,
            Title = title,
            Date = date,
            DurationMinutes = 60,
            TerritoryId = territoryId,
            Type = type,
            Format = format,
            Place = ActivityPlace.InCentre,
            DeletedAt = deleted ? DateTime.UtcNow : null,
            Centres = [new ActivityCentre { CentreId = centreId }],
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }
}
