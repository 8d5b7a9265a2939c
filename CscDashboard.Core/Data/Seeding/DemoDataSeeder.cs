using System.Globalization;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Reporting.Pdf;
using CscDashboard.Core.Territories;
using CscDashboard.Core.Tools;
using CscDashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Data.Seeding;

public sealed record DemoAccount(string Email, string Role, string? Territory);

/// <summary>
/// Demo accounts (one per role, one per coordinator) and demo data, for Development and the
/// <c>seed --demo</c> verb only. Idempotent: accounts are created when missing; the data is written
/// once, in one transaction together with the <see cref="SystemSetting.DemoDataSeededAt"/> marker.
/// The data goes through <see cref="BulkInserter"/>: tens of thousands of rows in a few seconds,
/// stamped <see cref="CreatedBy"/> and not audited row by row.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<AppDbContext> factory, TimeProvider clock, EvidenceStore evidence, IDocumentComposerFactory composers)
{
    public const string Domain = "demo.csc";
    public const string SecondOperationCode = "CSC-2024-2027";
    public const string CreatedBy = "seed:demo";

    /// <summary>The demo project lead's display name: who approved the demo's months.</summary>
    public const string LeadName = "Claire Martin (cheffe de projet, démo)";

    /// <summary>The first day of the demo logs: the start of the first operation.</summary>
    public static readonly DateOnly FirstDay = new(2021, 9, 1);

    public async Task<IReadOnlyList<DemoAccount>> SeedAsync(string password, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var territories = await db.Territories.OrderBy(t => t.Number).ToListAsync(ct);
        var accounts = new List<DemoAccount>
        {
            new($"admin@{Domain}", Roles.Admin, null),
            new($"lead@{Domain}", Roles.ProjectLead, null),
            new($"committee@{Domain}", Roles.Committee, null),
        };
        accounts.AddRange(territories.Select(t => new DemoAccount($"coord{t.Number}@{Domain}", Roles.Coordinator, t.Name)));
        await EnsureAccountsAsync(db, accounts, territories, password, ct);
        await SeedDataAsync(db, territories, ct);
        return accounts;
    }

    private static async Task EnsureAccountsAsync(AppDbContext db, List<DemoAccount> accounts, List<Territory> territories, string password, CancellationToken ct)
    {
        var existing = await db.Users.Select(u => u.NormalizedEmail).ToListAsync(ct);
        // One hash (salted, 100,000 PBKDF2 rounds) serves every demo account: they share the password anyway.
        string? passwordHash = null;
        foreach (var account in accounts.Where(a => !existing.Contains(a.Email.ToUpperInvariant())))
        {
            var territoryIds = territories.Where(t => t.Name == account.Territory).Select(t => t.Id);
            var user = await UserAccounts.AddAsync(db, account.Email, DisplayNameOf(account, territories), account.Role, territoryIds,
                password, isDemo: true, passwordHash: passwordHash, ct: ct);
            passwordHash = user.PasswordHash;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Coordinators get the names their network-member records carry (DemoCatalog.CoordinatorNames).</summary>
    private static string DisplayNameOf(DemoAccount account, List<Territory> territories) => account.Role switch
    {
        Roles.Admin => "Administration (démo)",
        Roles.ProjectLead => LeadName,
        Roles.Committee => "Comité partenarial (démo)",
        _ => CoordinatorName(territories.Single(t => t.Name == account.Territory).Number),
    };

    internal static string CoordinatorName(int territoryNumber)
    {
        var (first, last) = DemoCatalog.CoordinatorNames[(territoryNumber - 1) % DemoCatalog.CoordinatorNames.Length];
        return $"{first} {last}";
    }

    private async Task SeedDataAsync(AppDbContext db, List<Territory> territories, CancellationToken ct)
    {
        if (await IsSeededAsync(db, ct))
        {
            return;
        }
        // SQLite transactions from Microsoft.Data.Sqlite start IMMEDIATE: from here on we are the only writer.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await IsSeededAsync(db, ct))
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await EnsureSecondOperationAsync(db, ct);
        var world = await LoadWorldAsync(db, territories, ct);
        var files = await StoreDemoFilesAsync(ct);
        var stamp = new BulkAuditStamp(now, CreatedBy);
        using (var inserter = new BulkInserter(db, stamp))
        {
            await InsertDataAsync(db, inserter, world, files, ct);
        }
        await Dashboards.ActivityStatsUpdater.RebuildAllAsync(db, ct);
        // Targets are set from the territories' figures, read like the dashboards: after the aggregates.
        using (var inserter = new BulkInserter(db, stamp))
        {
            await DemoIndicators.SeedAsync(db, inserter, world.Today, files[EvidenceCategory.Other], seed: 2017, ct);
        }
        db.SystemSettings.Add(new SystemSetting { Key = SystemSetting.DemoDataSeededAt, Value = now.ToString("O", CultureInfo.InvariantCulture) });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static Task<bool> IsSeededAsync(AppDbContext db, CancellationToken ct) =>
        db.SystemSettings.AnyAsync(s => s.Key == SystemSetting.DemoDataSeededAt, ct);

    /// <summary>Also used by <see cref="Tools.NationalDataSeeder"/>, whose activities run into 2024.</summary>
    internal static async Task EnsureSecondOperationAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.Operations.AnyAsync(o => o.Code == SecondOperationCode, ct))
        {
            return;
        }
        var end = new DateOnly(2027, 12, 31);
        db.Operations.Add(new Operation
        {
            Code = SecondOperationCode,
            Name = "Centres Sociaux Connectés Nord Pas-de-Calais (2024-2027)",
            StartDate = new DateOnly(2024, 1, 1),
            EndDate = end,
            Programme = "FEDER-FSE+ 2021-2027 (Région Hauts-de-France)",
            ManagingAuthority = "Région Hauts-de-France",
            EuFundingRate = 0.60m,
            IndirectCosts = IndirectCostsOption.FlatRate40,
            RetentionUntil = Operation.DefaultRetention(end),
            IsDemo = true,
        });
        await db.SaveChangesAsync(ct);
    }

    private async Task<DemoWorld> LoadWorldAsync(AppDbContext db, List<Territory> territories, CancellationToken ct)
    {
        var coordinatorEmails = territories.Select(t => $"COORD{t.Number}@{Domain}".ToUpperInvariant()).ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => coordinatorEmails.Contains(u.NormalizedEmail!))
            .Select(u => new { u.Id, u.Email, TerritoryIds = u.Territories.Select(t => t.TerritoryId).ToList() })
            .ToListAsync(ct);
        var coordinators = territories
            .Select(t => (Territory: t, User: users.FirstOrDefault(u => u.Email == $"coord{t.Number}@{Domain}" && u.TerritoryIds.Contains(t.Id))))
            .Where(x => x.User is not null)
            .Select(x => new DemoCoordinator(x.Territory.Number, x.User!.Id, x.User.Email!, x.Territory, (x.Territory.Number - 1) % 3 + 1))
            .ToList();
        var workstreams = await db.Workstreams.AsNoTracking().ToDictionaryAsync(w => w.Number, w => (w.Id, w.ShortName), ct);
        return new DemoWorld
        {
            Today = clock.Today(),
            Start = FirstDay,
            Operations = await db.Operations.AsNoTracking().OrderBy(o => o.StartDate).ToListAsync(ct),
            Territories = territories,
            Coordinators = coordinators,
            Workstreams = workstreams,
        };
    }

    private static async Task InsertDataAsync(AppDbContext db, BulkInserter inserter, DemoWorld world,
        IReadOnlyDictionary<EvidenceCategory, DemoEvidenceFile> files, CancellationToken ct)
    {
        var network = new DemoNetworkGenerator(world);
        world.Centres.AddRange(network.Centres());
        inserter.Insert(world.Centres, ct);
        var members = network.Members(world.Centres);
        inserter.Insert(members, ct);
        world.Partners.AddRange(network.Partners());
        inserter.Insert(world.Partners.Select(p => p.Partner), ct);
        var leadEmail = $"LEAD@{Domain}".ToUpperInvariant();
        var leadId = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == leadEmail).Select(u => u.Id).FirstOrDefaultAsync(ct);
        var governance = new DemoGovernanceGenerator(world, leadId);
        var delegates = governance.Delegates().ToList();
        inserter.Insert(delegates, ct);

        var workstreams = new DemoWorkstreamGenerator(world);
        var taken = (await db.WorkstreamCoordinators.Select(w => new { w.WorkstreamId, w.UserId }).ToListAsync(ct))
            .Select(w => (w.WorkstreamId, w.UserId)).ToHashSet();
        inserter.Insert(workstreams.Coordinators().Where(w => !taken.Contains((w.WorkstreamId, w.UserId))), ct);
        inserter.Insert(workstreams.WatchItemsUntilToday(), ct);
        inserter.Insert(workstreams.DeliverablesAsOfToday(), ct);

        var activities = new DemoActivityGenerator(world).Generate();
        var audience = new DemoAudience(await Indicators.IndicatorCatalogueData.AudienceGroupsAsync(db, ct), seed: 17);
        var codes = world.Territories.ToDictionary(t => t.Id, t => t.Code);
        foreach (var activity in activities)
        {
            var (rural, priority) = DemoAudience.ProfileOf(codes[activity.TerritoryId]);
            audience.Describe(activity, rural, priority);
        }
        inserter.Insert(activities, ct);
        inserter.Insert(Linked(activities, a => a.Centres, (row, id) => row.ActivityId = id), ct);
        inserter.Insert(Linked(activities, a => a.Workstreams, (row, id) => row.ActivityId = id), ct);
        inserter.Insert(Linked(activities, a => a.Partners, (row, id) => row.ActivityId = id), ct);
        inserter.Insert(Linked(activities, a => a.Audience, (row, id) => row.ActivityId = id), ct);

        var finance = new DemoFinanceGenerator(world);
        inserter.Insert(finance.BudgetLines(), ct);
        var expenses = finance.Expenses();
        inserter.Insert(expenses, ct);
        inserter.Insert(finance.FundingSources(), ct);

        inserter.Insert(new DemoEvidenceGenerator(world, files).Documents(activities, expenses, members), ct);

        var closing = new DemoClosingGenerator(world);
        var closes = closing.Closes();
        inserter.Insert(closes, ct);
        var lead = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == leadEmail).Select(u => u.Id).FirstOrDefaultAsync(ct);
        inserter.Insert(closing.Events(closes, lead), ct);

        var meetings = governance.Meetings(delegates);
        inserter.Insert(meetings, ct);
        inserter.Insert(meetings.SelectMany(m => m.Attendees.Select(a =>
        {
            a.MeetingId = m.Id;
            return a;
        })), ct);
        inserter.Insert(meetings.SelectMany(m => m.Decisions.Select(d =>
        {
            d.MeetingId = m.Id;
            return d;
        })), ct);
    }

    /// <summary>
    /// One placeholder PDF per category in the evidence vault: it stands for the signed or scanned
    /// document a coordinator would file, and says so. Stored by hash like any upload.
    /// </summary>
    private async Task<IReadOnlyDictionary<EvidenceCategory, DemoEvidenceFile>> StoreDemoFilesAsync(CancellationToken ct)
    {
        var files = new Dictionary<EvidenceCategory, DemoEvidenceFile>();
        foreach (var category in DemoEvidenceGenerator.Categories)
        {
            var label = EvidenceLabels.Of(category);
            var pdf = composers.Create(new DocumentSettings(label, "Données de démonstration — Centres Sociaux Connectés", clock.GetLocalNow()))
                .Heading($"{label} — document de démonstration")
                .Paragraph("Ce fichier tient lieu, dans les données de démonstration, de la pièce signée ou scannée "
                    + "que la coordination territoriale dépose dans le coffre des pièces justificatives. Le même fichier sert à toutes "
                    + $"les pièces de la catégorie « {label} » : le coffre ne le stocke qu'une fois.")
                .Spacer(12)
                .Paragraph(Operation.FundingMentionOf(null), TextStyle.Small) // one file for both operations: no fund named
                .ToPdf();
            await using var staged = await evidence.StageAsync(new MemoryStream(pdf), long.MaxValue, ct);
            evidence.Commit(staged);
            files[category] = new DemoEvidenceFile(staged.Sha256, staged.Size);
        }
        return files;
    }

    /// <summary>Join rows of inserted activities, pointed at the ids the inserter gave them.</summary>
    private static IEnumerable<T> Linked<T>(List<Activity> activities, Func<Activity, List<T>> rows, Action<T, int> link)
    {
        foreach (var activity in activities)
        {
            foreach (var row in rows(activity))
            {
                link(row, activity.Id);
                yield return row;
            }
        }
    }
}
