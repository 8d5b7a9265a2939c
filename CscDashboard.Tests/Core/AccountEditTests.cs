using CscDashboard.Core.Common;
using CscDashboard.Core.Users;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

/// <summary>The administrator edits, deactivates and reactivates accounts; the last active administrator stays.</summary>
public sealed class AccountEditTests : IAsyncLifetime
{
    private CoreTestContext _ctx = default!;
    private CurrentUser _admin = default!;

    private UserDirectoryService Service => _ctx.Get<UserDirectoryService>();
    private AccountEditService Accounts => _ctx.Get<AccountEditService>();

    public async Task InitializeAsync()
    {
        _ctx = await CoreTestContext.CreateAsync();
        _admin = await _ctx.AddUserAsync("admin@test.csc", Roles.Admin);
        _ctx.ActAs(_admin);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private async Task<UserRow> RowAsync(string userId) => (await Service.ListAsync()).Single(u => u.Id == userId);

    private async Task<string> StampAsync(string userId)
    {
        await using var db = _ctx.CreateDb();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp!).SingleAsync();
    }

    /// <summary>The audit rows of the account and of its role and territory links (keys "userId|…").</summary>
    private async Task<List<(string Entity, string Key, string Action, string Changes)>> AuditAsync(string userId)
    {
        await using var db = _ctx.CreateDb();
        return (await db.AuditEntries.Where(e => e.EntityKey.StartsWith(userId)).OrderBy(e => e.Id)
            .Select(e => new { e.Entity, e.EntityKey, e.Action, e.Changes }).ToListAsync())
            .Select(e => (e.Entity, e.EntityKey, e.Action, e.Changes)).ToList();
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = _ctx.CreateDb();
        return await db.AuditEntries.CountAsync();
    }

    [Fact]
    public async Task A_coordinator_gets_a_new_name_and_territories_audited_and_their_sessions_end()
    {
        var coordinator = await _ctx.AddUserAsync("nadia@test.csc", Roles.Coordinator, "ART");
        var (art, lil, dou) = (await _ctx.TerritoryIdAsync("ART"), await _ctx.TerritoryIdAsync("LIL"), await _ctx.TerritoryIdAsync("DOU"));
        var stamp = await StampAsync(coordinator.UserId!);
        var signedOut = new List<string>();
        _ctx.Get<ChangeNotifier>().AccountChanged += change => signedOut.Add(change.UserId);

        await Accounts.UpdateAsync(coordinator.UserId!, new AccountChanges("  Nadia Benali ", Roles.Coordinator, [lil, dou, lil]));

        var row = await RowAsync(coordinator.UserId!);
        Assert.Equal(("Nadia Benali", Roles.Coordinator), (row.DisplayName, row.Role));
        Assert.Equal(["Douaisis", "Lille & Weppes"], row.Territories); // in the territories' order
        Assert.NotEqual(stamp, await StampAsync(coordinator.UserId!));
        Assert.Equal([coordinator.UserId!], signedOut);
        var audit = await AuditAsync(coordinator.UserId!);
        Assert.Contains(audit, e => e is { Entity: nameof(AppUser), Action: "Update" } && e.Changes.Contains("Nadia Benali"));
        Assert.Contains(audit, e => e is { Entity: "CoordinatorTerritory", Action: "Delete" } && e.Key == $"{coordinator.UserId}|{art}");
        Assert.Equal(new HashSet<string> { $"{coordinator.UserId}|{dou}", $"{coordinator.UserId}|{lil}" },
            audit.Where(e => e is { Entity: "CoordinatorTerritory", Action: "Insert" } && e.Key != $"{coordinator.UserId}|{art}").Select(e => e.Key).ToHashSet());
    }

    [Fact]
    public async Task A_new_name_alone_keeps_the_sessions_open()
    {
        var lead = await _ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead);
        var stamp = await StampAsync(lead.UserId!);

        await Accounts.UpdateAsync(lead.UserId!, new AccountChanges("Claire Martin", Roles.ProjectLead, []));

        Assert.Equal("Claire Martin", (await RowAsync(lead.UserId!)).DisplayName);
        Assert.Equal(stamp, await StampAsync(lead.UserId!));
    }

    [Fact]
    public async Task A_role_change_replaces_the_role_and_drops_or_requires_territories()
    {
        var coordinator = await _ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART");
        var art = await _ctx.TerritoryIdAsync("ART");

        var withTerritories = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Accounts.UpdateAsync(coordinator.UserId!, new AccountChanges("Coord", Roles.ProjectLead, [art])));
        Assert.Equal(["Seul un coordinateur territorial est rattaché à des territoires."], withTerritories.Errors[nameof(AccountChanges.TerritoryIds)]);

        await Accounts.UpdateAsync(coordinator.UserId!, new AccountChanges("Coord", Roles.ProjectLead, []));
        var row = await RowAsync(coordinator.UserId!);
        Assert.Equal([Roles.ProjectLead], row.Roles);
        Assert.Empty(row.Territories);

        var committee = await _ctx.AddUserAsync("comite@test.csc", Roles.Committee);
        var noTerritory = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Accounts.UpdateAsync(committee.UserId!, new AccountChanges("Comité", Roles.Coordinator, [])));
        Assert.Equal(["Un coordinateur territorial a au moins un territoire."], noTerritory.Errors[nameof(AccountChanges.TerritoryIds)]);
        await Accounts.UpdateAsync(committee.UserId!, new AccountChanges("Comité", Roles.Coordinator, [art]));
        row = await RowAsync(committee.UserId!);
        Assert.Equal([Roles.Coordinator], row.Roles);
        Assert.Equal(["Artois"], row.Territories);
    }

    [Fact]
    public async Task Bad_edits_get_french_messages_and_write_nothing()
    {
        var coordinator = await _ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART");
        var before = await AuditCountAsync();

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Accounts.UpdateAsync(coordinator.UserId!, new AccountChanges(" ", "Chef", [])));
        Assert.Equal(["Le nom affiché est obligatoire (100 caractères au plus)."], bad.Errors[nameof(AccountChanges.DisplayName)]);
        Assert.Equal(["Choisissez un rôle."], bad.Errors[nameof(AccountChanges.Role)]);
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Accounts.UpdateAsync(coordinator.UserId!, new AccountChanges("Coord", Roles.Coordinator, [999_999])));
        Assert.Equal(["Un des territoires choisis n'existe pas."], unknown.Errors[nameof(AccountChanges.TerritoryIds)]);
        await Assert.ThrowsAsync<NotFoundException>(() => Accounts.UpdateAsync("inconnu", new AccountChanges("X", Roles.Committee, [])));

        Assert.Equal(before, await AuditCountAsync());
        Assert.Equal("coord", (await RowAsync(coordinator.UserId!)).DisplayName);
    }

    [Fact]
    public async Task A_deactivated_account_keeps_its_history_and_signs_in_again_once_reactivated()
    {
        var coordinator = await _ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART");
        var stamp = await StampAsync(coordinator.UserId!);
        var signedOut = new List<string>();
        _ctx.Get<ChangeNotifier>().AccountChanged += change => signedOut.Add(change.UserId);

        await Accounts.DeactivateAsync(coordinator.UserId!);

        var row = await RowAsync(coordinator.UserId!);
        Assert.False(row.Active);
        Assert.Equal(_ctx.Clock.GetUtcNow().UtcDateTime, row.DeactivatedAt);
        Assert.Equal(["Artois"], row.Territories);
        Assert.NotEqual(stamp, await StampAsync(coordinator.UserId!));
        Assert.Equal([coordinator.UserId!], signedOut);
        var deactivation = (await AuditAsync(coordinator.UserId!)).Last();
        Assert.Equal((nameof(AppUser), "Update"), (deactivation.Entity, deactivation.Action));
        Assert.Contains(nameof(AppUser.DeactivatedAt), deactivation.Changes);

        // Deactivating twice writes nothing more.
        var before = await AuditCountAsync();
        await Accounts.DeactivateAsync(coordinator.UserId!);
        Assert.Equal(before, await AuditCountAsync());

        await Accounts.ReactivateAsync(coordinator.UserId!);
        row = await RowAsync(coordinator.UserId!);
        Assert.True(row.Active);
        Assert.Null(row.DeactivatedAt);
        Assert.Contains(nameof(AppUser.DeactivatedAt), (await AuditAsync(coordinator.UserId!)).Last().Changes);
        await Assert.ThrowsAsync<NotFoundException>(() => Accounts.DeactivateAsync("inconnu"));
        await Assert.ThrowsAsync<NotFoundException>(() => Accounts.ReactivateAsync("inconnu"));
    }

    [Fact]
    public async Task The_last_active_administrator_is_neither_deactivated_nor_demoted_and_nothing_is_written()
    {
        var before = await AuditCountAsync();

        var deactivate = await Assert.ThrowsAsync<ScopeViolationException>(() => Accounts.DeactivateAsync(_admin.UserId!));
        Assert.Equal(AccountEditService.LastAdminMessage, deactivate.Message);
        var demote = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Accounts.UpdateAsync(_admin.UserId!, new AccountChanges("Admin", Roles.ProjectLead, [])));
        Assert.Equal([AccountEditService.LastAdminMessage], demote.Errors[nameof(AccountChanges.Role)]);
        Assert.Equal(before, await AuditCountAsync());
        var row = await RowAsync(_admin.UserId!);
        Assert.Equal((true, Roles.Admin), (row.Active, row.Role));

    }

    [Fact]
    public async Task With_two_administrators_one_deactivates_or_demotes_the_other_but_not_themselves()
    {
        var second = await _ctx.AddUserAsync("admin2@test.csc", Roles.Admin);

        var self = await Assert.ThrowsAsync<ScopeViolationException>(() => Accounts.DeactivateAsync(_admin.UserId!));
        Assert.Equal("Vous ne pouvez pas désactiver votre propre compte : un autre administrateur doit le faire.", self.Message);
        var selfDemotion = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Accounts.UpdateAsync(_admin.UserId!, new AccountChanges("Admin", Roles.Committee, [])));
        Assert.Contains("votre propre rôle", selfDemotion.Errors[nameof(AccountChanges.Role)].Single());

        await Accounts.DeactivateAsync(second.UserId!);
        Assert.False((await RowAsync(second.UserId!)).Active);
        // The second is deactivated: the first is now the last active administrator.
        _ctx.ActAs(second);
        await Assert.ThrowsAsync<ScopeViolationException>(() => Accounts.DeactivateAsync(_admin.UserId!));

        _ctx.ActAs(_admin);
        await Accounts.ReactivateAsync(second.UserId!);
        await Accounts.UpdateAsync(second.UserId!, new AccountChanges("Ancien admin", Roles.ProjectLead, []));
        Assert.Equal(Roles.ProjectLead, (await RowAsync(second.UserId!)).Role);
    }

    [Fact]
    public async Task Only_the_administrator_edits_deactivates_and_reactivates()
    {
        var coordinator = await _ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART");
        _ctx.ActAs(await _ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var before = await AuditCountAsync();

        await Assert.ThrowsAsync<ScopeViolationException>(() => Accounts.UpdateAsync(coordinator.UserId!, new AccountChanges("X", Roles.Admin, [])));
        await Assert.ThrowsAsync<ScopeViolationException>(() => Accounts.DeactivateAsync(coordinator.UserId!));
        await Assert.ThrowsAsync<ScopeViolationException>(() => Accounts.ReactivateAsync(coordinator.UserId!));

        Assert.Equal(before, await AuditCountAsync());
    }
}
