using System.Globalization;
using System.Text.Json;
using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

public sealed class AuditTests
{
    [Fact]
    public async Task Insert_update_and_delete_are_audited_with_user_time_and_values()
    {
        await using var ctx = await CoreTestContext.CreateAsync(new DateTimeOffset(2023, 3, 15, 9, 30, 0, TimeSpan.Zero));
        ctx.ActAs(new CurrentUser("user-42", "Claire Martin", new HashSet<string> { Roles.ProjectLead }, new HashSet<int>()));
        var territoryId = await ctx.TerritoryIdAsync("ART");

        int id;
        await using (var db = ctx.CreateDb())
        {
            var centre = new SocialCentre { Name = "Centre social du Marais", Commune = "Béthune", Postcode = "62400", TerritoryId = territoryId };
            db.Centres.Add(centre);
            await db.SaveChangesAsync();
            id = centre.Id;
        }
        ctx.Clock.Advance(TimeSpan.FromHours(2));
        await using (var db = ctx.CreateDb())
        {
            var centre = await db.Centres.SingleAsync(c => c.Id == id);
            centre.Status = CentreStatus.Engaged;
            await db.SaveChangesAsync();
        }
        await using (var db = ctx.CreateDb())
        {
            db.Centres.Remove(await db.Centres.SingleAsync(c => c.Id == id));
            await db.SaveChangesAsync();
        }

        await using var check = ctx.CreateDb();
        var entries = await check.AuditEntries.Where(a => a.Entity == nameof(SocialCentre) && a.EntityKey == id.ToString(CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["Insert", "Update", "Delete"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("user-42", e.UserId));
        Assert.All(entries, e => Assert.Equal("Claire Martin", e.UserName));
        Assert.Equal(new DateTime(2023, 3, 15, 9, 30, 0), entries[0].At);
        Assert.Equal(new DateTime(2023, 3, 15, 11, 30, 0), entries[1].At);

        var inserted = JsonDocument.Parse(entries[0].Changes).RootElement;
        Assert.Equal("Centre social du Marais", inserted.GetProperty("Name").GetString());
        var updated = JsonDocument.Parse(entries[1].Changes).RootElement;
        Assert.Equal(["Candidate", "Engaged"], updated.GetProperty("Status").EnumerateArray().Select(v => v.ToString()));
        Assert.False(updated.TryGetProperty("Name", out _), "only changed values are recorded");
    }

    [Fact]
    public async Task Created_and_updated_columns_are_stamped_from_the_clock()
    {
        await using var ctx = await CoreTestContext.CreateAsync(new DateTimeOffset(2022, 6, 1, 8, 0, 0, TimeSpan.Zero));
        ctx.ActAs(new CurrentUser("u1", "Coordinatrice Artois", new HashSet<string> { Roles.ProjectLead }, new HashSet<int>()));
        var territoryId = await ctx.TerritoryIdAsync("ART");
        await using var db = ctx.CreateDb();
        var partner = new Partner { Name = "CAF du Pas-de-Calais", Kind = PartnerKind.Caf, TerritoryId = territoryId };
        db.Partners.Add(partner);
        await db.SaveChangesAsync();

        Assert.Equal(new DateTime(2022, 6, 1, 8, 0, 0), partner.CreatedAt);
        Assert.Equal("Coordinatrice Artois", partner.CreatedBy);
        Assert.Equal(1, partner.Version);
        Assert.Null(partner.UpdatedAt);

        ctx.Clock.Advance(TimeSpan.FromDays(1));
        partner.IsCommitteeMember = true;
        await db.SaveChangesAsync();

        Assert.Equal(new DateTime(2022, 6, 2, 8, 0, 0), partner.UpdatedAt);
        Assert.Equal(2, partner.Version);
    }

    [Fact]
    public async Task A_failed_save_writes_no_audit_entry()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(CurrentUser.System("test"));
        await using var db = ctx.CreateDb();
        var before = await db.AuditEntries.CountAsync();
        db.Centres.Add(new SocialCentre { Name = "Orphelin", Commune = "Nulle part", Postcode = "00000", TerritoryId = 9999 });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        await using var check = ctx.CreateDb();
        Assert.Equal(before, await check.AuditEntries.CountAsync());
        Assert.Equal(0, await check.Centres.CountAsync());
    }

    [Fact]
    public async Task Password_hashes_never_reach_the_audit_log()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await ctx.AddUserAsync("someone@test.csc", Roles.Committee);

        await using var db = ctx.CreateDb();
        var entry = await db.AuditEntries.SingleAsync(a => a.Entity == "AppUser");
        var values = JsonDocument.Parse(entry.Changes).RootElement;
        Assert.Equal("***", values.GetProperty("PasswordHash").GetString());
        Assert.Equal("someone@test.csc", values.GetProperty("Email").GetString());
    }
}
