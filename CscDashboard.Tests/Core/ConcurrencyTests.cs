using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task The_second_of_two_editors_is_refused_and_the_first_edit_is_kept()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var territoryId = await ctx.TerritoryIdAsync("LIL");
        int id;
        await using (var db = ctx.CreateDb())
        {
            var centre = new SocialCentre { Name = "Centre social Faubourg", Commune = "Lille", Postcode = "59000", TerritoryId = territoryId };
            db.Centres.Add(centre);
            await db.SaveChangesAsync();
            id = centre.Id;
        }

        await using var first = ctx.CreateDb();
        await using var second = ctx.CreateDb();
        var a = await first.Centres.SingleAsync(c => c.Id == id);
        var b = await second.Centres.SingleAsync(c => c.Id == id);
        a.Address = "12 rue des Postes";
        b.Address = "3 place du Marché";
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = ctx.CreateDb();
        var stored = await check.Centres.SingleAsync(c => c.Id == id);
        Assert.Equal("12 rue des Postes", stored.Address);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task An_edit_based_on_a_stale_version_number_is_refused()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var territoryId = await ctx.TerritoryIdAsync("LIL");
        await using var db = ctx.CreateDb();
        var centre = new SocialCentre { Name = "Centre social Arc-en-ciel", Commune = "Lomme", Postcode = "59160", TerritoryId = territoryId };
        db.Centres.Add(centre);
        await db.SaveChangesAsync();
        centre.Commune = "Lille-Lomme";
        await db.SaveChangesAsync();

        // A form loaded at version 1 tries to save over version 2.
        await using var stale = ctx.CreateDb();
        var edited = await stale.Centres.SingleAsync(c => c.Id == centre.Id);
        stale.Entry(edited).Property(c => c.Version).OriginalValue = 1;
        edited.Name = "Écrasé";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
    }
}
