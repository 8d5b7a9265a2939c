using System.Diagnostics.CodeAnalysis;
using System.Text;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Backups;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Network;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Timesheets;
using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Core.Evidence;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

public sealed partial class ServiceAuthorizationMatrixTests
{
    /// <summary>
    /// One database for the whole matrix (today 2023-03-15, operation CSC-2021-2023), with two territories
    /// that hold one of everything: ART (owned by <see cref="Caller.Coordinator"/>, every object named with
    /// "Artemis") and LIL (<see cref="Caller.OtherCoordinator"/>, "Lilas"), plus federation-level objects
    /// ("Zenith"). Rows that write work on fresh objects from the <c>New…</c> helpers, so cases stay independent.
    /// </summary>
    public sealed partial class World : IAsyncLifetime
    {
        public static readonly CurrentUser SystemUser = CurrentUser.System("matrice");

        /// <summary>How each territory's data shows in a result (JSON, CSV or PDF text): its marker word, its code, its name.</summary>
        public static readonly IReadOnlyDictionary<Data, string[]> Markers = new Dictionary<Data, string[]>
        {
            [Data.Art] = ["Artemis", "\"ART\"", "\"Artois\""],
            [Data.Lil] = ["Lilas", "\"LIL\"", "\"Lille & Weppes\""],
            [Data.Federation] = ["Zenith", "\"FED\""],
        };

        /// <summary>ART's coordinator's annual gross cost: finance, so not for LIL's coordinator.</summary>
        public const decimal ArtCost = 34_400m;
        public const decimal LilCost = 30_300m;
        /// <summary>Indirect-costs invoices: not claimed under the operation's flat 15 %.</summary>
        public const decimal ArtIndirect = 50m;
        public const decimal LilIndirect = 70m;

        private int _serial;
        private string? _backup;

        public CoreTestContext Ctx { get; private set; } = default!;
        public Dictionary<Caller, CurrentUser> Users { get; } = [];
        /// <summary>People's names: never in what the committee (or anonymous) gets.</summary>
        public List<string> PersonNames { get; } = ["Awa Artemis", "Luc Lilas", "Paul Contact", "Pia Contact", "Zoé Contact"];

        public int OperationId { get; private set; }
        public int Art { get; private set; }
        public int Lil { get; private set; }
        public int Workstream { get; private set; }
        public int ArtCentre { get; private set; }
        public int ArtMember { get; private set; }
        public int ArtPartner { get; private set; }
        public int ArtActivity { get; private set; }
        public int ArtExpense { get; private set; }
        public int ArtEvidence { get; private set; }
        public int FederationEvidence { get; private set; }
        public int ReadyReport { get; private set; }
        [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "The matrix's cases read everything from the world they are given (w.…), its inputs included.")]
        public string DossierName => "dossier_CSC-2021-2023_2023-03.zip";
        public Period March { get; } = Period.Month(2023, 3);

        public async Task InitializeAsync()
        {
            Ctx = await CoreTestContext.CreateAsync();
            Art = await Ctx.TerritoryIdAsync("ART");
            Lil = await Ctx.TerritoryIdAsync("LIL");
            Users[Caller.Anonymous] = CurrentUser.Anonymous;
            Users[Caller.Admin] = await Ctx.AddUserAsync("alice.admin@test.csc", Roles.Admin);
            Users[Caller.Lead] = await Ctx.AddUserAsync("lea.cheffe@test.csc", Roles.ProjectLead);
            Users[Caller.Committee] = await Ctx.AddUserAsync("carl.comite@test.csc", Roles.Committee);
            Users[Caller.Coordinator] = await Ctx.AddUserAsync("oscar.coord@test.csc", Roles.Coordinator, "ART");
            Users[Caller.OtherCoordinator] = await Ctx.AddUserAsync("xavier.coord@test.csc", Roles.Coordinator, "LIL");
            Users[Caller.System] = SystemUser;
            PersonNames.AddRange(["alice.admin", "lea.cheffe", "oscar.coord", "xavier.coord"]);
            Ctx.ActAs(SystemUser);

            await using (var db = Ctx.CreateDb())
            {
                OperationId = await db.Operations.Where(o => o.Code == ReferenceData.FirstOperationCode).Select(o => o.Id).SingleAsync();
                Workstream = await db.Workstreams.Where(w => w.Number == 1).Select(w => w.Id).SingleAsync();
                db.WorkstreamCoordinators.Add(new WorkstreamCoordinator { WorkstreamId = Workstream, UserId = Users[Caller.Coordinator].UserId! });
                await db.SaveChangesAsync();
            }

            ArtCentre = await NewCentreAsync(Art, "Centre Artemis");
            var lilCentre = await NewCentreAsync(Lil, "Centre Lilas");
            ArtMember = await AddMemberAsync(Art, ArtCentre, "Awa", "Artemis", ArtCost, Caller.Coordinator);
            await AddMemberAsync(Lil, lilCentre, "Luc", "Lilas", LilCost, Caller.OtherCoordinator);
            ArtPartner = await NewPartnerAsync(Art, "Mairie Artemis", "Paul Contact-Artemis");
            var lilPartner = await NewPartnerAsync(Lil, "Mairie Lilas", "Pia Contact-Lilas");
            await NewPartnerAsync(null, "Région Zenith", "Zoé Contact-Zenith");

            ArtActivity = await AddActivityAsync(Caller.Coordinator, Art, "Atelier Artemis", ArtCentre, ArtPartner);
            await AddActivityAsync(Caller.OtherCoordinator, Lil, "Atelier Lilas", lilCentre, lilPartner);
            await NewActivityAsync(Art, deleted: true);

            var budget = Ctx.Get<BudgetService>();
            foreach (var (territory, label) in new[] { ((int?)Art, "Budget Artemis"), (Lil, "Budget Lilas"), (null, "Budget Zenith") })
            {
                await budget.CreateBudgetLineAsync(BudgetLineInput(territory) with { Category = CostCategory.Travel, Label = label, Amount = 900m });
            }
            await Ctx.Get<FundingService>().CreateFundingSourceAsync(FundingSourceInput() with { Name = "Région Zenith", Kind = FundingKind.Region, Committed = 10_000m });
            ArtExpense = await NewExpenseAsync(Art, "Transports Artemis", 120m, CostCategory.Travel);
            await NewExpenseAsync(Art, "Loyer Artemis", ArtIndirect, CostCategory.Indirect);
            var lilExpense = await NewExpenseAsync(Lil, "Transports Lilas", 130m, CostCategory.Travel);
            await NewExpenseAsync(Lil, "Loyer Lilas", LilIndirect, CostCategory.Indirect);

            ArtEvidence = await NewEvidenceAsync("facture-artemis.pdf", new EvidenceLinks(ExpenseId: ArtExpense));
            await NewEvidenceAsync("facture-lilas.pdf", new EvidenceLinks(ExpenseId: lilExpense));
            FederationEvidence = await NewEvidenceAsync("note-zenith.pdf", new EvidenceLinks());
            await using (var db = Ctx.CreateDb())
            {
                db.Timesheets.Add(new Timesheet
                {
                    MemberId = ArtMember, Month = March.From, Lines = [new TimesheetLine { Date = new DateOnly(2023, 3, 3), Minutes = 60, Label = "Préparation Artemis" }],
                });
                await db.SaveChangesAsync();
            }

            await AsAsync(Caller.Coordinator, () => Ctx.Get<WatchItemService>().CreateAsync(Workstream,
                new WatchItemInput { Title = "Veille sobriété numérique", Tags = "sobriété", Date = new DateOnly(2023, 3, 1) }));
            await Ctx.Get<DeliverableService>().CreateAsync(Workstream, new DeliverableInput { Title = "Guide du chantier", DueDate = new DateOnly(2023, 6, 30) });
            ReadyReport = await AddReadyReportAsync();
            await AddTokensAsync();
            await AddIndicatorsAsync();
            await AddGovernanceAsync();
            await Ctx.Get<ComplianceService>().RefreshSnapshotsAsync();
            var dossiers = Path.Combine(Ctx.DataDirectory, "dossiers");
            Directory.CreateDirectory(dossiers);
            await File.WriteAllBytesAsync(Path.Combine(dossiers, DossierName), "PK"u8.ToArray());
        }

        public Task DisposeAsync() => Ctx.DisposeAsync().AsTask();

        /// <summary>What a write changes and a refused call must not: the audit log and the files of the data directory.</summary>
        public async Task<(long LastAuditEntry, int Files, DateTime LastFileWrite)> WritesAsync()
        {
            await using var db = Ctx.CreateDb();
            var files = new DirectoryInfo(Ctx.DataDirectory).EnumerateFiles("*", SearchOption.AllDirectories)
                .Where(f => !f.Name.StartsWith("csc.db", StringComparison.Ordinal)).ToList();
            return (await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0, files.Count, files.Max(f => (DateTime?)f.LastWriteTimeUtc) ?? default);
        }

        private int Next() => Interlocked.Increment(ref _serial);

        private async Task<T> AsAsync<T>(Caller caller, Func<Task<T>> action)
        {
            Ctx.ActAs(Users[caller]);
            try
            {
                return await action();
            }
            finally
            {
                Ctx.ActAs(SystemUser);
            }
        }
    }
}
