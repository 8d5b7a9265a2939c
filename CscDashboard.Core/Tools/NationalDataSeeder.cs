using System.Globalization;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Territories;
using Microsoft.EntityFrameworkCore;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace CscDashboard.Core.Tools;

/// <summary>How big the national data set is. <see cref="National"/> is the size the dashboards are measured on.</summary>
public sealed record NationalScale(int Territories, int Centres, int Members, int Activities, int PartnersPerTerritory = 10, int FederationPartners = 20)
{
    public static readonly NationalScale National = new(Territories: 100, Centres: 2_400, Members: 20_000, Activities: 1_000_000);

    public void Validate()
    {
        if (Territories < 1 || Territories > NationalCatalog.Departements.Length)
        {
            throw new ArgumentException($"Le jeu national compte de 1 à {NationalCatalog.Departements.Length} territoires.");
        }
        if (Centres < Territories || Members < Territories || Activities < 0
            || PartnersPerTerritory < 0 || PartnersPerTerritory > NationalCatalog.LocalPartners.Length
            || FederationPartners < 1 || FederationPartners > NationalCatalog.Federation.Length)
        {
            throw new ArgumentException("Taille du jeu national incohérente : au moins un centre et un membre par territoire, "
                + $"au plus {NationalCatalog.LocalPartners.Length} partenaires par territoire et {NationalCatalog.Federation.Length} à l'échelle de la fédération.");
        }
    }
}

/// <summary>What a national seed wrote, and how long it took.</summary>
public sealed record NationalSeedResult(int Territories, int Centres, int Members, int Partners, int Accounts, int Activities,
    int CentreLinks, int PartnerLinks, int WorkstreamLinks, TimeSpan Elapsed);

/// <summary>
/// A national-size database for measuring the dashboards (issue 4, Speed): territories N001… named
/// after the départements and grouped by region, their centres, network members, partners, one
/// coordinator account each, and activities from <see cref="FirstDay"/> to <see cref="LastDay"/>
/// (two operations), then the monthly aggregates and ANALYZE. Everything goes through
/// <see cref="BulkInserter"/>; activities are streamed a day at a time and committed in chunks, so
/// memory stays flat. Reproducible: fixed random seeds. Only for a new, empty database: the
/// reference territories stay, without activity.
/// </summary>
public sealed partial class NationalDataSeeder(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    public const string CreatedBy = "seed:national";
    public const string Domain = "national.csc";
    public const string TerritoryCodePrefix = "N";

    public static readonly DateOnly FirstDay = new(2021, 9, 1);
    public static readonly DateOnly LastDay = new(2024, 8, 31);

    /// <summary>Activities per transaction: bounds the write-ahead log while loading.</summary>
    private const int ActivitiesPerCommit = 100_000;

    public async Task<NationalSeedResult> SeedAsync(NationalScale scale, string password, Action<string>? progress = null, CancellationToken ct = default)
    {
        scale.Validate();
        var watch = Stopwatch.StartNew();
        void Report(string message) => progress?.Invoke($"[{watch.Elapsed.TotalSeconds,6:0.0} s] {message}");

        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        if (await db.Activities.AnyAsync(ct) || await db.Centres.AnyAsync(ct) || await db.Members.AnyAsync(ct))
        {
            throw new InvalidOperationException("La base contient déjà des activités ou un réseau : le jeu national se construit dans une base neuve.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var stamp = new BulkAuditStamp(now, CreatedBy);
        var rng = new Random(2023);

        NationalWorld world;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await DemoDataSeeder.EnsureSecondOperationAsync(db, ct);
            world = await InsertNetworkAsync(db, scale, password, stamp, rng, ct);
            await transaction.CommitAsync(ct);
        }
        Report($"Réseau : {French.PlainNumber(world.Territories.Count)} territoires, {French.PlainNumber(world.CentreCount)} centres, {French.PlainNumber(world.MemberCount)} membres, "
            + $"{French.PlainNumber(world.PartnerCount)} partenaires, {French.PlainNumber(world.Territories.Count)} comptes de coordination.");

        var operations = await db.Operations.AsNoTracking().OrderBy(o => o.StartDate).ToListAsync(ct);
        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            if (!operations.Any(o => o.Contains(day)))
            {
                throw new InvalidOperationException($"Aucune opération ne couvre le {day:dd/MM/yyyy} : le jeu national a besoin de "
                    + $"{ReferenceData.FirstOperationCode} et {DemoDataSeeder.SecondOperationCode}.");
            }
        }
        var workstreamIds = await db.Workstreams.AsNoTracking().OrderBy(w => w.Number).Select(w => w.Id).ToArrayAsync(ct);
        var (activities, centreLinks, partnerLinks, workstreamLinks) = await InsertActivitiesAsync(db, scale, world, operations, workstreamIds, stamp, Report, ct);

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await ActivityStatsUpdater.RebuildAllAsync(db, ct);
            using (var inserter = new BulkInserter(db, stamp))
            {
                await DemoIndicators.SeedAsync(db, inserter, LastDay, convention: null, seed: 2017, ct);
            }
            db.SystemSettings.Add(new SystemSetting { Key = SystemSetting.NationalDataSeededAt, Value = now.ToString("O", CultureInfo.InvariantCulture) });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        Report("Agrégats mensuels recalculés ; catalogue d'indicateurs et cibles de chaque territoire.");
        if (db.Database.IsNpgsql())
        {
            // VACUUM also sets the visibility map, without which PostgreSQL cannot answer from the covering indexes alone.
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct);
        }
        Report("Statistiques du planificateur à jour (ANALYZE).");

        return new NationalSeedResult(world.Territories.Count, world.CentreCount, world.MemberCount, world.PartnerCount, world.Territories.Count,
            activities, centreLinks, partnerLinks, workstreamLinks, watch.Elapsed);
    }

    private sealed record NationalWorld(IReadOnlyList<NationalTerritory> Territories, DemoPartnerRow[] FederationPartners, int CentreCount, int MemberCount, int PartnerCount);

    private static async Task<NationalWorld> InsertNetworkAsync(AppDbContext db, NationalScale scale, string password, BulkAuditStamp stamp, Random rng, CancellationToken ct)
    {
        var departements = NationalCatalog.Departements.Take(scale.Territories).ToArray();

        // Sectors (one per region) and territories, numbered after the reference ones.
        var firstSector = await db.Sectors.MaxAsync(s => (int?)s.Number, ct) ?? 0;
        var firstTerritory = await db.Territories.MaxAsync(t => (int?)t.Number, ct) ?? 0;
        var sectors = departements.Select(d => d.Region).Distinct().Order()
            .Select((region, i) => new Sector { Number = firstSector + i + 1, Name = $"Région {NationalCatalog.Regions[region]}" })
            .ToList();
        var territories = new List<Territory>();
        using (var inserter = new BulkInserter(db, stamp))
        {
            inserter.Insert(sectors, ct);
            var sectorOf = departements.Select(d => d.Region).Distinct().Order().Zip(sectors).ToDictionary(x => x.First, x => x.Second.Id);
            territories.AddRange(departements.Select((d, i) => new Territory
            {
                Code = $"{TerritoryCodePrefix}{i + 1:000}",
                Name = $"Territoire {i + 1:000} — {d.Name}",
                Number = firstTerritory + i + 1,
                SectorId = sectorOf[d.Region],
            }));
            inserter.Insert(territories, ct);
        }

        // One coordinator account per territory, through the same path as every account (one password hash for all).
        string? passwordHash = null;
        var coordinators = new List<(Users.AppUser User, string First, string Last)>();
        foreach (var territory in territories)
        {
            var (first, last) = (rng.Pick(DemoCatalog.FirstNames), rng.Pick(DemoCatalog.LastNames));
            var user = await Users.UserAccounts.AddAsync(db, $"coord.{territory.Code.ToLowerInvariant()}@{Domain}", $"{first} {last}",
                Roles.Coordinator, [territory.Id], password, isDemo: true, passwordHash: passwordHash, ct: ct);
            passwordHash = user.PasswordHash;
            coordinators.Add((user, first, last));
        }
        await db.SaveChangesAsync(ct);

        using var network = new BulkInserter(db, stamp);
        var centres = BuildCentres(scale, departements, territories, rng);
        network.Insert(centres.Select(c => c.Centre), ct);
        var members = BuildMembers(scale, territories, coordinators, centres, rng);
        network.Insert(members, ct);
        var local = new Dictionary<int, DemoPartnerRow[]>();
        for (var t = 0; t < territories.Count; t++)
        {
            var d = departements[t];
            local[territories[t].Id] = NationalCatalog.LocalPartners.Take(scale.PartnersPerTerritory)
                .Select(p => Partner(p.Name(d), p.Kind, p.Committee, p.InTitle(d), territories[t].Id, rng)).ToArray();
        }
        var federation = NationalCatalog.Federation.Take(scale.FederationPartners)
            .Select(p => Partner(p.Name, p.Kind, p.IsCommitteeMember, p.InTitle, null, rng)).ToArray();
        network.Insert(local.Values.SelectMany(p => p).Concat(federation).Select(p => p.Partner), ct);

        var byTerritory = centres.GroupBy(c => c.Centre.TerritoryId).ToDictionary(g => g.Key, g => g.Select(c => c.View()).ToArray());
        var weights = territories.Select(_ => 0.7 + 0.6 * rng.NextDouble()).ToArray();
        var views = territories.Select((t, i) => new NationalTerritory(t.Id, coordinators[i].User.Id, byTerritory[t.Id], local[t.Id], weights[i])).ToList();
        return new NationalWorld(views, federation, centres.Count, members.Count, local.Values.Sum(p => p.Length) + federation.Length);
    }

    private static async Task<(int Activities, int CentreLinks, int PartnerLinks, int WorkstreamLinks)> InsertActivitiesAsync(AppDbContext db, NationalScale scale,
        NationalWorld world, IReadOnlyList<Operation> operations, int[] workstreamIds, BulkAuditStamp stamp, Action<string> report, CancellationToken ct)
    {
        var (activities, centreLinks, partnerLinks, workstreamLinks) = (0, 0, 0, 0);
        // The inhabitants' breakdown as in the demo, each territory with its share of rural and priority-neighbourhood audiences.
        var audience = new DemoAudience(await Indicators.IndicatorCatalogueData.AudienceGroupsAsync(db, ct), seed: 17);
        var profiles = new Random(2017);
        var profileOf = world.Territories.ToDictionary(t => t.Id, _ => (Rural: profiles.NextDouble() * 0.7, Priority: profiles.NextDouble() * 0.6));
        var transaction = await db.Database.BeginTransactionAsync(ct);
        var inserter = new BulkInserter(db, stamp);
        try
        {
            var generator = new NationalActivityGenerator(world.Territories, operations, world.FederationPartners, workstreamIds,
                scale.Activities, (int)inserter.NextId<Activity>());
            var committed = 0;
            foreach (var day in generator.Days())
            {
                foreach (var activity in day)
                {
                    audience.Describe(activity, profileOf[activity.TerritoryId].Rural, profileOf[activity.TerritoryId].Priority);
                }
                activities += inserter.Insert(day, ct);
                inserter.Insert(day.SelectMany(a => a.Audience), ct);
                centreLinks += inserter.Insert(day.SelectMany(a => a.Centres), ct);
                partnerLinks += inserter.Insert(day.SelectMany(a => a.Partners), ct);
                workstreamLinks += inserter.Insert(day.SelectMany(a => a.Workstreams), ct);
                if (activities - committed >= ActivitiesPerCommit)
                {
                    inserter.Dispose();
                    await transaction.CommitAsync(ct);
                    await transaction.DisposeAsync();
                    committed = activities;
                    report($"{French.PlainNumber(activities),9} / {French.PlainNumber(scale.Activities)} activités (jusqu'au {day[^1].Date:dd/MM/yyyy})");
                    transaction = await db.Database.BeginTransactionAsync(ct);
                    inserter = new BulkInserter(db, stamp);
                }
            }
            inserter.Dispose();
            await transaction.CommitAsync(ct);
            report($"{French.PlainNumber(activities)} activités, {French.PlainNumber(centreLinks)} liens centre, {French.PlainNumber(partnerLinks)} liens partenaire, "
                + $"{French.PlainNumber(workstreamLinks)} liens chantier.");
            return (activities, centreLinks, partnerLinks, workstreamLinks);
        }
        finally
        {
            inserter.Dispose();
            await transaction.DisposeAsync();
        }
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
