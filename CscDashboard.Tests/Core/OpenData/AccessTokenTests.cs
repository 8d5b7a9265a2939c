using CscDashboard.Core.Common;
using CscDashboard.Core.OpenData;
using CscDashboard.Core.Users;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.OpenData;

/// <summary>Personal access tokens (ADR 026): issued once and stored hashed, no wider than their account, refused once expired, revoked or deactivated.</summary>
public sealed class AccessTokenTests : IAsyncLifetime
{
    private CoreTestContext _ctx = default!;
    private CurrentUser _admin = default!;
    private CurrentUser _coordinator = default!;

    public async Task InitializeAsync()
    {
        _ctx = await CoreTestContext.CreateAsync();
        _admin = await _ctx.AddUserAsync("alice.admin@test.csc", Roles.Admin);
        _coordinator = await _ctx.AddUserAsync("oscar.coord@test.csc", Roles.Coordinator, "ART", "LIL");
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private AccessTokenService Tokens => _ctx.Get<AccessTokenService>();

    private Task<TokenCheck> CheckAsync(string secret) => _ctx.Get<AccessTokenAuthenticator>().AuthenticateAsync(secret, "GET /api/v1/figures");

    private async Task<IssuedToken> IssueAsync(CurrentUser owner, AccessTokenInput input)
    {
        _ctx.ActAs(owner);
        return await Tokens.CreateAsync(input);
    }

    [Fact]
    public async Task The_secret_is_given_once_and_only_its_hash_is_kept_even_in_the_audit()
    {
        var issued = await IssueAsync(_coordinator, new AccessTokenInput { Name = "Tableur Région", Days = 30 });

        Assert.Matches("^csc_[A-Za-z0-9_-]{43}$", issued.Secret);
        Assert.Equal(_ctx.Clock.GetUtcNow().UtcDateTime.AddDays(30), issued.ExpiresAt);
        await using var db = _ctx.CreateDb();
        var stored = await db.AccessTokens.SingleAsync();
        Assert.Equal(AccessTokenService.HashOf(issued.Secret), stored.SecretHash);
        Assert.Equal(issued.Secret[..12], stored.Hint);
        var audit = await db.AuditEntries.Where(a => a.Entity == nameof(AccessToken)).Select(a => a.Changes).SingleAsync();
        Assert.DoesNotContain(issued.Secret, audit);
        Assert.DoesNotContain(stored.SecretHash, audit);
        Assert.Contains("\"SecretHash\":\"***\"", audit);
    }

    [Fact]
    public async Task A_good_token_reads_with_its_accounts_role_and_territories_and_each_use_is_audited()
    {
        var art = await _ctx.TerritoryIdAsync("ART");
        var lil = await _ctx.TerritoryIdAsync("LIL");
        var both = await IssueAsync(_coordinator, new AccessTokenInput { Name = "Les deux" });
        var artOnly = await IssueAsync(_coordinator, new AccessTokenInput { Name = "Artois", TerritoryIds = [art] });
        var aggregates = await IssueAsync(_coordinator, new AccessTokenInput { Name = "Chiffres", AggregatesOnly = true, TerritoryIds = [art] });

        var caller = (await CheckAsync(both.Secret)).Caller!;
        Assert.Equal((Roles.Coordinator, _coordinator.UserId), (caller.Role, caller.UserId));
        Assert.Equal([art, lil], caller.TerritoryIds.Order());
        Assert.Equal([art], (await CheckAsync(artOnly.Secret)).Caller!.TerritoryIds);
        var committee = (await CheckAsync(aggregates.Secret)).Caller!;
        Assert.Equal((Roles.Committee, 0), (committee.Role, committee.TerritoryIds.Count));

        await using var db = _ctx.CreateDb();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Entity == nameof(AccessToken) && a.Action == "Use"));
        Assert.Equal(_ctx.Clock.GetUtcNow().UtcDateTime, (await db.AccessTokens.SingleAsync(t => t.Id == both.Id)).LastUsedAt);
    }

    [Fact]
    public async Task A_token_narrows_with_its_account_and_stops_when_its_role_changes()
    {
        var lil = await _ctx.TerritoryIdAsync("LIL");
        var issued = await IssueAsync(_coordinator, new AccessTokenInput { Name = "Coordination" });
        _ctx.ActAs(_admin);
        var directory = _ctx.Get<AccountEditService>();
        await directory.UpdateAsync(_coordinator.UserId!, new AccountChanges("oscar.coord", Roles.Coordinator, [lil]));
        Assert.Equal([lil], (await CheckAsync(issued.Secret)).Caller!.TerritoryIds);

        await directory.UpdateAsync(_coordinator.UserId!, new AccountChanges("oscar.coord", Roles.ProjectLead, []));
        var check = await CheckAsync(issued.Secret);
        Assert.Null(check.Caller);
        Assert.Contains("rôle du compte a changé", check.Refusal);
    }

    [Fact]
    public async Task Expired_revoked_unknown_and_deactivated_tokens_are_refused_with_their_reason()
    {
        var expiring = await IssueAsync(_coordinator, new AccessTokenInput { Name = "Un jour", Days = 1 });
        var revoked = await IssueAsync(_coordinator, new AccessTokenInput { Name = "Révoqué" });
        var kept = await IssueAsync(_coordinator, new AccessTokenInput { Name = "Gardé" });
        await Tokens.RevokeAsync(revoked.Id);
        await Tokens.RevokeAsync(revoked.Id);
        _ctx.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Contains("a expiré le", (await CheckAsync(expiring.Secret)).Refusal);
        Assert.Contains("révoqué le", (await CheckAsync(revoked.Secret)).Refusal);
        Assert.Equal(AccessTokenAuthenticator.Unknown, (await CheckAsync(kept.Secret[..^1] + (kept.Secret[^1] == 'A' ? 'B' : 'A'))).Refusal);
        Assert.Equal(AccessTokenAuthenticator.Unknown, (await CheckAsync("Bearer n'importe quoi")).Refusal);
        Assert.NotNull((await CheckAsync(kept.Secret)).Caller);

        // Deactivated by hand in the database: the account's state is read at each use.
        await using (var db = _ctx.CreateDb())
        {
            await db.Users.Where(u => u.Id == _coordinator.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.DeactivatedAt, DateTime.UtcNow));
        }
        Assert.Equal("Le compte de ce jeton est désactivé.", (await CheckAsync(kept.Secret)).Refusal);
    }

    [Fact]
    public async Task Deactivating_an_account_revokes_its_tokens_for_good()
    {
        var issued = await IssueAsync(_coordinator, new AccessTokenInput { Name = "Automate" });
        _ctx.ActAs(_admin);
        var directory = _ctx.Get<AccountEditService>();
        await directory.DeactivateAsync(_coordinator.UserId!);
        await directory.ReactivateAsync(_coordinator.UserId!);

        Assert.Contains("révoqué", (await CheckAsync(issued.Secret)).Refusal);
        var row = Assert.Single(await Tokens.ListAllAsync());
        Assert.Equal("alice.admin", row.RevokedBy);
    }

    [Theory]
    [InlineData("", 30, false, "Donnez un nom")]
    [InlineData("Outil", 0, false, "de 1 à 365 jours")]
    [InlineData("Outil", 366, false, "de 1 à 365 jours")]
    [InlineData("Outil\u202E", 30, false, "caractère invisible")]
    [InlineData("Outil", 30, true, "Seul un jeton de coordination")]
    public async Task Bad_input_gets_a_french_message_and_writes_nothing(string name, int days, bool territories, string message)
    {
        var art = await _ctx.TerritoryIdAsync("ART");
        _ctx.ActAs(_admin);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Tokens.CreateAsync(new AccessTokenInput { Name = name, Days = days, TerritoryIds = territories ? [art] : [] }));

        Assert.Contains(message, error.Message);
        await using var db = _ctx.CreateDb();
        Assert.False(await db.AccessTokens.AnyAsync());
    }

    [Fact]
    public async Task A_coordinator_cannot_give_a_token_another_territory_nor_hold_more_than_twenty_live_ones()
    {
        var val = await _ctx.TerritoryIdAsync("VAL");
        _ctx.ActAs(_coordinator);
        var other = await Assert.ThrowsAsync<ValidationFailedException>(() => Tokens.CreateAsync(new AccessTokenInput { Name = "Valenciennois", TerritoryIds = [val] }));
        Assert.Contains("vos propres territoires", other.Message);

        for (var i = 0; i < AccessTokenService.MaxActivePerAccount; i++)
        {
            await Tokens.CreateAsync(new AccessTokenInput { Name = $"Outil {i}" });
        }
        var tooMany = await Assert.ThrowsAsync<ValidationFailedException>(() => Tokens.CreateAsync(new AccessTokenInput { Name = "Encore" }));
        Assert.Contains("révoquez-en un", tooMany.Message);
    }

    [Fact]
    public async Task Each_account_lists_and_revokes_its_own_tokens_and_the_administrator_everyones()
    {
        var mine = await IssueAsync(_coordinator, new AccessTokenInput { Name = "À moi" });
        var adminToken = await IssueAsync(_admin, new AccessTokenInput { Name = "Administration" });

        _ctx.ActAs(_coordinator);
        Assert.Equal(["À moi"], (await Tokens.ListAsync()).Select(t => t.Name));
        await Assert.ThrowsAsync<NotFoundException>(() => Tokens.RevokeAsync(adminToken.Id));
        await Assert.ThrowsAsync<ScopeViolationException>(() => Tokens.ListAllAsync());
        Assert.Equal(["ART", "LIL"], (await Tokens.ListAsync()).Single().Territories);

        _ctx.ActAs(_admin);
        Assert.Equal(["Administration", "À moi"], (await Tokens.ListAllAsync()).Select(t => t.Name).Order(StringComparer.Ordinal));
        await Tokens.RevokeAsync(mine.Id);
        Assert.NotNull((await Tokens.ListAllAsync()).Single(t => t.Id == mine.Id).RevokedAt);
    }
}
