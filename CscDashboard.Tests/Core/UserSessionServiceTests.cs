using CscDashboard.Core.Common;
using CscDashboard.Core.Users;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

/// <summary>Server-side sessions (ADR 018): live until signed out, all ended by a new password, a deactivation or a second-factor reset.</summary>
public sealed class UserSessionServiceTests : IAsyncLifetime
{
    private CoreTestContext _ctx = default!;
    private CurrentUser _admin = default!;

    private UserSessionService Sessions => _ctx.Get<UserSessionService>();

    public async Task InitializeAsync()
    {
        _ctx = await CoreTestContext.CreateAsync();
        _admin = await _ctx.AddUserAsync("admin@test.csc", Roles.Admin);
        await _ctx.AddUserAsync("second.admin@test.csc", Roles.Admin);
        _ctx.ActAs(_admin);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private async Task<string> StampAsync(string userId)
    {
        await using var db = _ctx.CreateDb();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp!).SingleAsync();
    }

    [Fact]
    public async Task A_session_is_live_until_signed_out_and_only_for_its_account_and_stamp()
    {
        var coordinator = await _ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART");
        var stamp = await StampAsync(coordinator.UserId!);
        var id = await Sessions.StartAsync(coordinator.UserId!, new string('x', 500));
        var other = await Sessions.StartAsync(coordinator.UserId!, "Firefox");

        Assert.True(await Sessions.IsLiveAsync(id, coordinator.UserId, stamp));
        Assert.False(await Sessions.IsLiveAsync(id, _admin.UserId, stamp));
        Assert.False(await Sessions.IsLiveAsync(id, coordinator.UserId, "ancien"));
        Assert.False(await Sessions.IsLiveAsync(null, coordinator.UserId, stamp));
        // A role that requires the second factor: an account without one is refused.
        Assert.False(await Sessions.IsLiveAsync(id, coordinator.UserId, stamp, requireTwoFactor: true));

        var changes = new List<string>();
        _ctx.Get<ChangeNotifier>().AccountChanged += c => changes.Add(c.UserId);
        await Sessions.EndAsync(id);

        Assert.False(await Sessions.IsLiveAsync(id, coordinator.UserId, stamp));
        Assert.True(await Sessions.IsLiveAsync(other, coordinator.UserId, stamp));
        Assert.Empty(changes);
        await using var db = _ctx.CreateDb();
        var row = await db.UserSessions.SingleAsync(s => s.Id == id);
        Assert.Equal(UserSessionService.UserAgentLength, row.UserAgent!.Length);
        // The revocation is audited; the last-seen bookkeeping is not.
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Entity == nameof(UserSession) && e.EntityKey == id && e.Action == "Update" && e.Changes.Contains("RevokedAt")));
    }

    [Fact]
    public async Task The_last_seen_time_is_written_sparingly()
    {
        var id = await Sessions.StartAsync(_admin.UserId!, null);
        var stamp = await StampAsync(_admin.UserId!);
        var start = _ctx.Clock.GetUtcNow().UtcDateTime;
        _ctx.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await Sessions.IsLiveAsync(id, _admin.UserId, stamp));
        await using (var db = _ctx.CreateDb())
        {
            Assert.Equal(start, (await db.UserSessions.SingleAsync(s => s.Id == id)).LastSeenAt);
        }
        _ctx.Clock.Advance(UserSessionService.LastSeenStep);
        Assert.True(await Sessions.IsLiveAsync(id, _admin.UserId, stamp));
        await using (var db = _ctx.CreateDb())
        {
            Assert.Equal(_ctx.Clock.GetUtcNow().UtcDateTime, (await db.UserSessions.SingleAsync(s => s.Id == id)).LastSeenAt);
        }
    }

    public static TheoryData<string> EndingEverything => ["password", "deactivation", "two-factor reset", "end all"];

    [Theory]
    [MemberData(nameof(EndingEverything))]
    public async Task A_new_password_a_deactivation_or_a_second_factor_reset_ends_every_session_of_the_account(string how)
    {
        var user = await _ctx.AddUserAsync($"cible.{Guid.NewGuid():N}@test.csc", Roles.ProjectLead);
        var bystander = await _ctx.AddUserAsync($"autre.{Guid.NewGuid():N}@test.csc", Roles.ProjectLead);
        var stamp = await StampAsync(user.UserId!);
        var sessions = new[] { await Sessions.StartAsync(user.UserId!, "A"), await Sessions.StartAsync(user.UserId!, "B") };
        var kept = await Sessions.StartAsync(bystander.UserId!, "C");
        await using (var db = _ctx.CreateDb())
        {
            (await db.Users.SingleAsync(u => u.Id == user.UserId)).TwoFactorEnabled = true;
            await db.SaveChangesAsync();
        }
        var changes = new List<string>();
        _ctx.Get<ChangeNotifier>().AccountChanged += c => changes.Add(c.UserId);

        var accounts = _ctx.Get<AccountEditService>();
        await (how switch
        {
            "password" => accounts.IssuePasswordAsync(user.UserId!),
            "deactivation" => accounts.DeactivateAsync(user.UserId!),
            "two-factor reset" => accounts.ResetTwoFactorAsync(user.UserId!),
            _ => Sessions.EndAllAsync(user.UserId!),
        });

        var newStamp = await StampAsync(user.UserId!);
        Assert.NotEqual(stamp, newStamp);
        foreach (var id in sessions)
        {
            // Refused even with the new stamp: the rows themselves are revoked.
            Assert.False(await Sessions.IsLiveAsync(id, user.UserId, newStamp));
        }
        Assert.True(await Sessions.IsLiveAsync(kept, bystander.UserId, await StampAsync(bystander.UserId!)));
        Assert.Contains(user.UserId!, changes);
    }
}
