using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Users;
using CscDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

/// <summary>The administrator creates accounts and issues new passwords; nothing else may.</summary>
public sealed class UserDirectoryTests : IAsyncLifetime
{
    private CoreTestContext _ctx = default!;

    private UserDirectoryService Service => _ctx.Get<UserDirectoryService>();
    private AccountEditService Accounts => _ctx.Get<AccountEditService>();

    public async Task InitializeAsync()
    {
        _ctx = await CoreTestContext.CreateAsync();
        _ctx.ActAs(await _ctx.AddUserAsync("admin@test.csc", Roles.Admin));
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private async Task<int> UserCountAsync()
    {
        await using var db = _ctx.CreateDb();
        return await db.Users.CountAsync();
    }

    private static bool Verifies(AppUser user, string password) =>
        new PasswordHasher<AppUser>().VerifyHashedPassword(user, user.PasswordHash!, password) != PasswordVerificationResult.Failed;

    [Fact]
    public async Task A_coordinator_account_is_created_with_its_territories_and_a_password_that_signs_in()
    {
        var art = await _ctx.TerritoryIdAsync("ART");
        var lil = await _ctx.TerritoryIdAsync("LIL");

        var issued = await Service.CreateAsync(new NewAccount(" Nadia.Coord@Test.csc ", "Nadia Benali", Roles.Coordinator, [art, lil, art]));

        Assert.Equal("Nadia.Coord@Test.csc", issued.Email);
        Assert.True(issued.Password.Length >= 10 && issued.Password.Any(char.IsUpper) && issued.Password.Any(char.IsLower) && issued.Password.Any(char.IsDigit));
        var row = (await Service.ListAsync()).Single(u => u.Id == issued.UserId);
        Assert.Equal("Nadia Benali", row.DisplayName);
        Assert.Equal([Roles.Coordinator], row.Roles);
        Assert.Equal(["Artois", "Lille & Weppes"], row.Territories);
        await using var db = _ctx.CreateDb();
        var user = await db.Users.SingleAsync(u => u.Id == issued.UserId);
        Assert.Equal(("NADIA.COORD@TEST.CSC", true), (user.NormalizedEmail, user.EmailConfirmed));
        Assert.True(Verifies(user, issued.Password));
        // Audited, and the password hash is not written in clear in the audit log.
        var audit = await db.AuditEntries.Where(e => e.EntityKey == issued.UserId).Select(e => e.Changes).ToListAsync();
        Assert.NotEmpty(audit);
        Assert.All(audit, changes => Assert.DoesNotContain(user.PasswordHash!, changes));
    }

    [Fact]
    public async Task Bad_input_gets_a_french_message_per_field_and_writes_nothing()
    {
        var art = await _ctx.TerritoryIdAsync("ART");
        var before = await UserCountAsync();

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(new NewAccount("pas-une-adresse", " ", "Chef", [])));
        Assert.Equal(["Saisissez une adresse e-mail valide (prenom.nom@exemple.fr)."], bad.Errors[nameof(NewAccount.Email)]);
        Assert.Equal(["Le nom affiché est obligatoire (100 caractères au plus)."], bad.Errors[nameof(NewAccount.DisplayName)]);
        Assert.Equal(["Choisissez un rôle."], bad.Errors[nameof(NewAccount.Role)]);

        var noTerritory = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(new NewAccount("c@test.csc", "C", Roles.Coordinator, [])));
        Assert.Contains("au moins un territoire", noTerritory.Errors[nameof(NewAccount.TerritoryIds)].Single());
        var leadWithTerritory = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(new NewAccount("l@test.csc", "L", Roles.ProjectLead, [art])));
        Assert.Contains("Seul un coordinateur", leadWithTerritory.Errors[nameof(NewAccount.TerritoryIds)].Single());
        var unknownTerritory = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(new NewAccount("u@test.csc", "U", Roles.Coordinator, [999_999])));
        Assert.Contains("n'existe pas", unknownTerritory.Errors[nameof(NewAccount.TerritoryIds)].Single());
        var taken = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(new NewAccount("ADMIN@test.csc", "Doublon", Roles.Committee, [])));
        Assert.Equal(["Un compte existe déjà avec cette adresse e-mail."], taken.Errors[nameof(NewAccount.Email)]);

        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task A_new_password_replaces_the_old_one_signs_out_open_sessions_and_lifts_a_lockout()
    {
        var forgetful = await _ctx.AddUserAsync("oubli@test.csc", Roles.Committee);
        string stampBefore;
        await using (var db = _ctx.CreateDb())
        {
            var user = await db.Users.SingleAsync(u => u.Id == forgetful.UserId);
            (user.AccessFailedCount, user.LockoutEnd) = (5, DateTimeOffset.UtcNow.AddMinutes(15));
            stampBefore = user.SecurityStamp!;
            await db.SaveChangesAsync();
        }

        var issued = await Accounts.IssuePasswordAsync(forgetful.UserId!);

        await using var check = _ctx.CreateDb();
        var after = await check.Users.SingleAsync(u => u.Id == forgetful.UserId);
        Assert.True(Verifies(after, issued.Password));
        Assert.False(Verifies(after, CoreTestContext.Password));
        Assert.NotEqual(stampBefore, after.SecurityStamp);
        Assert.Equal((0, null), (after.AccessFailedCount, after.LockoutEnd));
        Assert.False((await Service.ListAsync()).Single(u => u.Id == forgetful.UserId).LockedOut);
        await Assert.ThrowsAsync<NotFoundException>(() => Accounts.IssuePasswordAsync("inconnu"));
    }

    [Fact]
    public async Task Only_the_administrator_manages_accounts()
    {
        var before = await UserCountAsync();
        _ctx.ActAs(await _ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));

        await Assert.ThrowsAsync<ScopeViolationException>(() => Service.CreateAsync(new NewAccount("x@test.csc", "X", Roles.Admin, [])));
        await Assert.ThrowsAsync<ScopeViolationException>(() => Accounts.IssuePasswordAsync(_ctx.Users.Current.UserId!));

        Assert.Equal(before + 1, await UserCountAsync()); // the lead only
    }
}
