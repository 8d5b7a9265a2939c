using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

public sealed class ReferenceDataTests
{
    [Fact]
    public async Task Seeding_twice_gives_the_same_rows()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var before = await CountsAsync(ctx);

        await ctx.Get<DatabaseInitializer>().InitializeAsync();
        var after = await CountsAsync(ctx);

        Assert.Equal((4, 10, 3, 1, 4), before);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Territories_follow_the_design_order_and_sectors()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await using var db = ctx.CreateDb();

        var territories = await db.Territories.OrderBy(t => t.Number).Select(t => new { t.Name, Sector = t.Sector!.Number }).ToListAsync();

        Assert.Equal("Flandre intérieure & Audomarois", territories[0].Name);
        Assert.Equal("Cambrésis", territories[9].Name);
        Assert.Equal([1, 1, 1, 2, 2, 2, 3, 3, 4, 4], territories.Select(t => t.Sector));
        var operation = await db.Operations.SingleAsync(o => o.Code == ReferenceData.FirstOperationCode);
        Assert.Equal(new DateOnly(2021, 9, 1), operation.StartDate);
        Assert.Equal(new DateOnly(2023, 12, 31), operation.EndDate);
        Assert.Equal(new DateOnly(2026, 12, 31), operation.RetentionUntil);
    }

    [Fact]
    public async Task A_renamed_territory_is_not_overwritten_by_the_next_start()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await using (var db = ctx.CreateDb())
        {
            var artois = await db.Territories.SingleAsync(t => t.Code == "ART");
            artois.Name = "Artois (Béthune-Bruay)";
            await db.SaveChangesAsync();
        }

        await ctx.Get<DatabaseInitializer>().InitializeAsync();

        await using var check = ctx.CreateDb();
        Assert.Equal("Artois (Béthune-Bruay)", await check.Territories.Where(t => t.Code == "ART").Select(t => t.Name).SingleAsync());
        Assert.Equal(10, await check.Territories.CountAsync());
    }

    [Fact]
    [Trait("Category", TestDatabase.SqliteOnly)]
    public async Task The_database_runs_in_write_ahead_log_mode()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await using var db = ctx.CreateDb();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        Assert.True(File.Exists(Path.Combine(ctx.DataDirectory, "csc.db")));
    }

    private static async Task<(int, int, int, int, int)> CountsAsync(CoreTestContext ctx)
    {
        await using var db = ctx.CreateDb();
        return (await db.Sectors.CountAsync(), await db.Territories.CountAsync(), await db.Workstreams.CountAsync(),
            await db.Operations.CountAsync(), await db.Roles.CountAsync());
    }
}
