using CscDashboard.Core.Common;
using CscDashboard.Core.Governance;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Governance;

/// <summary>The governance's demo history (as of 2023-03-15): committees each quarter, assemblies per territory, team meetings, decisions.</summary>
public sealed class GovernanceDemoDataTests(DemoDataFixture fixture) : IClassFixture<DemoDataFixture>
{
    [Fact]
    public async Task The_demo_has_a_realistic_history_of_meetings_and_decisions()
    {
        var ctx = fixture.Host;
        await using var db = ctx.CreateDb();
        var kinds = await db.Meetings.GroupBy(m => m.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        // September 2021 to 15 March 2023: a committee each quarter (Sept. 2021 … Dec. 2022), a team meeting each month, 3 springs/autumns × 10 assemblies.
        Assert.Equal(6, kinds[MeetingKind.PartnerCommittee]);
        Assert.Equal(3, kinds[MeetingKind.SteeringCommittee]);
        Assert.InRange(kinds[MeetingKind.FederalTeam], 18, 19);
        Assert.Equal(30, kinds[MeetingKind.TerritorialAssembly]);
        Assert.Equal(21, kinds[MeetingKind.WorkstreamMeeting]);
        Assert.Equal(20, await db.Members.CountAsync(m => m.Role == MemberRole.TerritoryDelegate));

        var decisions = await db.Decisions.Select(d => new { d.Status, d.DueDate, d.ClosedOn }).ToListAsync();
        Assert.True(decisions.Count(d => d.Status == DecisionStatus.Done) > decisions.Count / 2);
        Assert.Contains(decisions, d => d.Status is DecisionStatus.Todo or DecisionStatus.InProgress && d.DueDate < new DateOnly(2023, 3, 15));
        Assert.All(decisions.Where(d => d.Status is DecisionStatus.Done or DecisionStatus.Abandoned), d => Assert.NotNull(d.ClosedOn));

        // coord2 (Artois) follows its own decisions at home; the territory page shows its bodies.
        var coordinator = await db.Users.Where(u => u.Email == "coord2@demo.csc").Select(u => u.Id).SingleAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(new CurrentUser(coordinator, "coord2", new HashSet<string> { Roles.Coordinator }, new HashSet<int> { art }));
        Assert.NotEmpty(await ctx.Get<DecisionService>().MineAsync());
        var bodies = await ctx.Get<MeetingQueries>().TerritoryBodiesAsync(art);
        Assert.Equal(2, bodies.Delegates.Count);
        Assert.NotEmpty(bodies.LastMeetings);
    }
}
