using CscDashboard.Core.Activities;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Network;
using CscDashboard.Core.Tools;
using CscDashboard.Core.Users;
using CscDashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

public sealed class BulkInserterTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2023, 3, 15, 10, 0, 0, DateTimeKind.Utc);
    private CoreTestContext _host = null!;
    private string _authorId = "";
    private int _operationId;
    private int _territoryId;

    public async Task InitializeAsync()
    {
        _host = await CoreTestContext.CreateAsync(DateOnly.FromDateTime(Now));
        await using var db = _host.CreateDb();
        var author = new AppUser { UserName = "author@test", Email = "author@test", DisplayName = "Auteur" };
        db.Users.Add(author);
        await db.SaveChangesAsync();
        _authorId = author.Id;
        _operationId = await db.Operations.Select(o => o.Id).FirstAsync();
        _territoryId = await db.Territories.OrderBy(t => t.Number).Select(t => t.Id).FirstAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Bulk_rows_read_back_through_EF_equal_the_input()
    {
        var activity = NewActivity();
        var member = NewMember();
        await BulkInsertAsync(inserter => { inserter.Insert([activity]); inserter.Insert([member]); });

        await using var db = _host.CreateDb();
        AssertSameValues(db, activity, await db.Activities.AsNoTracking().SingleAsync(a => a.Id == activity.Id));
        AssertSameValues(db, member, await db.Members.AsNoTracking().SingleAsync(m => m.Id == member.Id));
        Assert.Equal("seed:test", activity.CreatedBy);
        Assert.Equal(1, activity.Version);
    }

    [Fact]
    [Trait("Category", TestDatabase.SqliteOnly)]
    public async Task Bulk_rows_hold_the_same_stored_text_as_rows_EF_wrote()
    {
        // A whole and a fractional decimal: EF keeps one decimal place for whole values ("40000.0").
        var viaBulk = (NewActivity(), NewMember(cost: 40_000m));
        await BulkInsertAsync(inserter => { inserter.Insert([viaBulk.Item1]); inserter.Insert([viaBulk.Item2]); });
        var viaEf = (NewActivity(), NewMember(cost: 40_000m));
        await using (var db = _host.CreateDb())
        {
            db.AddRange(viaEf.Item1, viaEf.Item2);
            await db.SaveChangesAsync();
        }

        await using var read = _host.CreateDb();
        AssertSameStoredColumns<Activity>(read, viaBulk.Item1.Id, viaEf.Item1.Id);
        AssertSameStoredColumns<NetworkMember>(read, viaBulk.Item2.Id, viaEf.Item2.Id);
    }

    [Fact]
    public async Task EF_filters_bulk_rows_on_dates_times_and_decimals()
    {
        var early = NewActivity(date: new DateOnly(2022, 1, 31), start: new TimeOnly(9, 0));
        var late = NewActivity(date: new DateOnly(2022, 2, 1), start: new TimeOnly(18, 30));
        var cheap = NewMember(cost: 32_000m);
        var dear = NewMember(cost: 45_500.5m);
        await BulkInsertAsync(inserter => { inserter.Insert([early, late]); inserter.Insert([cheap, dear]); });

        await using var db = _host.CreateDb();
        Assert.Equal([late.Id], await db.Activities.Where(a => a.Date >= new DateOnly(2022, 2, 1)).Select(a => a.Id).ToListAsync());
        Assert.Equal([late.Id], await db.Activities.Where(a => a.StartTime > new TimeOnly(12, 0)).Select(a => a.Id).ToListAsync());
        Assert.Equal([dear.Id], await db.Members.Where(m => m.AnnualGrossCost > 40_000m).Select(m => m.Id).ToListAsync());
        Assert.Equal(2, await db.Activities.CountAsync(a => a.Type == ActivityType.PublicAction && a.Format == ActivityFormat.Workshop && a.IsHighlight));
    }

    [Fact]
    public async Task Ids_follow_the_largest_ever_given_and_join_rows_can_use_them()
    {
        int deletedId;
        await using (var db = _host.CreateDb())
        {
            var centre = new SocialCentre { Name = "Centre social témoin", Commune = "Douai", Postcode = "59500", TerritoryId = _territoryId };
            db.Centres.Add(centre);
            await db.SaveChangesAsync();
            deletedId = centre.Id;
            db.Centres.Remove(centre);
            await db.SaveChangesAsync();
        }

        var first = new SocialCentre { Name = "A", Commune = "Lens", Postcode = "62300", TerritoryId = _territoryId };
        var second = new SocialCentre { Name = "B", Commune = "Liévin", Postcode = "62800", TerritoryId = _territoryId };
        var activity = NewActivity();
        await BulkInsertAsync(inserter =>
        {
            Assert.Equal(deletedId + 1, inserter.NextId<SocialCentre>());
            inserter.Insert([first, second]);
            inserter.Insert([activity]);
            inserter.Insert([new ActivityCentre { ActivityId = activity.Id, CentreId = second.Id }]);
        });

        Assert.Equal(deletedId + 1, first.Id);
        Assert.Equal(deletedId + 2, second.Id);
        await using var check = _host.CreateDb();
        Assert.Equal(second.Id, (await check.ActivityCentres.SingleAsync()).CentreId);
        var next = new SocialCentre { Name = "C", Commune = "Avion", Postcode = "62210", TerritoryId = _territoryId };
        check.Centres.Add(next);
        await check.SaveChangesAsync();
        Assert.Equal(deletedId + 3, next.Id);
    }

    private async Task BulkInsertAsync(Action<BulkInserter> write)
    {
        await using var db = _host.CreateDb();
        await using var transaction = await db.Database.BeginTransactionAsync();
        using (var inserter = new BulkInserter(db, new BulkAuditStamp(Now, "seed:test")))
        {
            write(inserter);
        }
        await transaction.CommitAsync();
    }

    private Activity NewActivity(DateOnly? date = null, TimeOnly? start = null) => new()
    {
        OperationId = _operationId,
        Date = date ?? new DateOnly(2022, 2, 28),
        StartTime = start ?? new TimeOnly(8, 15, 30, 500),
        DurationMinutes = 135,
        TerritoryId = _territoryId,
        AuthorId = _authorId,
        Type = ActivityType.PublicAction,
        Format = ActivityFormat.Workshop,
        Place = ActivityPlace.InCentre,
        Title = "Atelier numérique parents-enfants « écrans » à Liévin",
        Notes = null,
        InhabitantCount = 12,
        ProfessionalCount = 2,
        FollowUp = "Relancer l'école",
        IsHighlight = true,
        // PostgreSQL keeps microseconds, SQLite the seven digits of a .NET tick.
        DeletedAt = new DateTime(2023, 3, 1, 17, 45, 12, DateTimeKind.Utc).AddTicks(TestDatabase.OnPostgres ? 1234560 : 1234567),
        DeletedBy = "quelqu'un",
    };

    private NetworkMember NewMember(decimal? cost = 38_450.75m) => new()
    {
        FirstName = "Élodie",
        LastName = "Vandenbussche",
        Email = "elodie.vandenbussche@centre-lens.demo.csc",
        Role = MemberRole.Ctn,
        TerritoryId = _territoryId,
        Assignment = Assignment.FixedPercent,
        AssignmentPercent = 62.5m,
        AnnualGrossCost = cost,
        ActiveFrom = new DateOnly(2021, 9, 1),
        ActiveTo = null,
    };

    /// <summary>Compares every mapped property through EF's own metadata, so new columns are covered too.</summary>
    private static void AssertSameValues<T>(AppDbContext db, T expected, T actual) where T : class
    {
        foreach (var property in db.Model.FindEntityType(typeof(T))!.GetProperties())
        {
            var getter = property.GetGetter();
            Assert.True(Equals(getter.GetClrValue(expected), getter.GetClrValue(actual)),
                $"{typeof(T).Name}.{property.Name}: expected {getter.GetClrValue(expected)}, read {getter.GetClrValue(actual)}");
        }
    }

    /// <summary>Raw storage class and text of every column but the key and the author of the row.</summary>
    private static void AssertSameStoredColumns<T>(AppDbContext db, int bulkId, int efId)
    {
        var table = db.Model.FindEntityType(typeof(T))!.GetTableName()!;
        var bulk = ReadStored(db, table, bulkId);
        var ef = ReadStored(db, table, efId);
        foreach (var (column, stored) in ef.Where(c => c.Key is not ("Id" or "CreatedBy")))
        {
            Assert.True(stored == bulk[column], $"{table}.{column}: EF stored {stored}, bulk stored {bulk[column]}");
        }
    }

    private static Dictionary<string, string> ReadStored(AppDbContext db, string table, int id)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"Id\" = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var values = new Dictionary<string, string>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            // GetFieldType reports the storage class of this row's value (INTEGER, TEXT, REAL, NULL).
            values[reader.GetName(i)] = $"{reader.GetFieldType(i).Name}:{Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)}";
        }
        return values;
    }
}
