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
    public sealed class World : IAsyncLifetime
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

            var finance = Ctx.Get<FinanceService>();
            foreach (var (territory, label) in new[] { ((int?)Art, "Budget Artemis"), (Lil, "Budget Lilas"), (null, "Budget Zenith") })
            {
                await finance.CreateBudgetLineAsync(BudgetLineInput(territory) with { Category = CostCategory.Travel, Label = label, Amount = 900m });
            }
            await finance.CreateFundingSourceAsync(FundingSourceInput() with { Name = "Région Zenith", Kind = FundingKind.Region, Committed = 10_000m });
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

        // ---- Inputs ----

        public ActivityInput ActivityInput(int territoryId, string title = "Visite de suivi") => new()
        {
            Date = new DateOnly(2023, 3, 14), StartTime = new TimeOnly(14, 0), DurationMinutes = 120, TerritoryId = territoryId,
            Type = ActivityType.CentreSupport, Format = ActivityFormat.Visit, Place = ActivityPlace.InCentre, Title = title,
        };

        public CentreInput CentreInput(int territoryId, string? name = null) => new()
        {
            Name = name ?? $"Centre n°{Next()}", Commune = "Arras", Postcode = "62000", TerritoryId = territoryId,
            Status = CentreStatus.Engaged, EngagedOn = new DateOnly(2021, 10, 1),
        };

        public MemberInput MemberInput(int territoryId) => new()
        {
            FirstName = "Membre", LastName = $"n°{Next()}", Role = MemberRole.Ctn, TerritoryId = territoryId, ActiveFrom = new DateOnly(2021, 9, 1),
        };

        public PartnerInput PartnerInput(int? territoryId, string? name = null, string? contact = null) => new()
        {
            Name = name ?? $"Partenaire n°{Next()}", Kind = PartnerKind.Commune, TerritoryId = territoryId, ContactName = contact,
        };

        public ExpenseInput ExpenseInput(int territoryId, string supplier = "Fournisseur", decimal amount = 10m, CostCategory category = CostCategory.Travel) => new()
        {
            OperationId = OperationId, TerritoryId = territoryId, Supplier = supplier, InvoiceNumber = $"F-{Next()}",
            InvoiceDate = new DateOnly(2023, 3, 1), PaymentDate = new DateOnly(2023, 3, 10), Category = category,
            AmountExclVat = amount, Vat = 0m, EligibleAmount = amount,
        };

        public BudgetLineInput BudgetLineInput(int? territoryId) => new()
        {
            OperationId = OperationId, TerritoryId = territoryId, Category = CostCategory.Equipment, Label = $"Ligne n°{Next()}", Amount = 100m,
        };

        public FundingSourceInput FundingSourceInput() => new() { OperationId = OperationId, Name = $"Financement n°{Next()}", Kind = FundingKind.Caf, Committed = 100m };

        public FinanceQuery Finance(int? territoryId = null) => new(OperationId, null, territoryId);

        /// <summary>A centre of ART to import, named afresh each time.</summary>
        public Stream CentresCsv() =>
            new MemoryStream(Encoding.UTF8.GetBytes($"Nom;Commune;Code postal;Territoire\nCentre importé n°{Next()};Arras;62000;ART\n"));

        public string BackupPath() => Path.Combine(Ctx.DataDirectory, "backups", $"matrice-{Next()}.zip");

        public static Stream Pdf() => new MemoryStream(EvidenceTestData.Pdf("Pièce de la matrice"));

        // ---- Fresh objects (created as the system or the lead) ----

        public async Task<(int Id, long Version)> NewActivityAsync(int territoryId, bool deleted = false)
        {
            var id = await AsAsync(Caller.Lead, () => Ctx.Get<ActivityService>().CreateAsync(ActivityInput(territoryId)));
            var version = (await AsAsync(Caller.Lead, () => Ctx.Get<ActivityQueries>().GetAsync(id))).Version;
            if (deleted)
            {
                await Ctx.Get<ActivityService>().DeleteAsync(id, version);
            }
            return (id, version);
        }

        public async Task<int> NewCentreAsync(int territoryId, string? name = null) =>
            await Ctx.Get<CentreService>().CreateAsync(CentreInput(territoryId, name));

        public async Task<int> NewMemberAsync(int territoryId) => await Ctx.Get<MemberService>().CreateAsync(MemberInput(territoryId));

        public async Task<int> NewPartnerAsync(int? territoryId, string? name = null, string? contact = null) =>
            await Ctx.Get<PartnerService>().CreateAsync(PartnerInput(territoryId, name, contact));

        public async Task<int> NewExpenseAsync(int territoryId, string supplier = "Fournisseur", decimal amount = 10m, CostCategory category = CostCategory.Travel) =>
            await Ctx.Get<FinanceService>().CreateExpenseAsync(ExpenseInput(territoryId, supplier, amount, category));

        public async Task<int> NewEvidenceAsync(string fileName, EvidenceLinks links)
        {
            await using var content = Pdf();
            return (await Ctx.Get<EvidenceService>().UploadAsync(new EvidenceUpload(fileName, EvidenceCategory.Invoice, links), content)).Id;
        }

        public async Task<ExpenseRow> NewEditableExpenseAsync() => await Ctx.Get<FinanceService>().GetExpenseAsync(await NewExpenseAsync(Art));

        public async Task<BudgetLineRow> NewBudgetLineAsync(int? territoryId)
        {
            var finance = Ctx.Get<FinanceService>();
            var id = await finance.CreateBudgetLineAsync(BudgetLineInput(territoryId));
            return (await finance.BudgetLinesAsync(Finance())).Single(b => b.Id == id);
        }

        public async Task<FundingSourceRow> NewFundingSourceAsync()
        {
            var finance = Ctx.Get<FinanceService>();
            var id = await finance.CreateFundingSourceAsync(FundingSourceInput());
            return (await finance.FundingSourcesAsync(OperationId)).Single(f => f.Id == id);
        }

        /// <summary>The resources of one territory, as the lead asks for them explicitly.</summary>
        public Task<Resources> ResourcesOfAsync(int territoryId) => AsAsync(Caller.Lead, () => Ctx.Get<FinanceService>().ResourcesAsync(Finance(territoryId)));

        /// <summary>One backup of the world, made on first use (restoring it into the live directory is refused, so it never changes).</summary>
        public async Task<string> BackupAsync()
        {
            if (_backup is null)
            {
                var path = BackupPath();
                await Ctx.Get<BackupService>().CreateAsync(path);
                _backup = path;
            }
            return _backup;
        }

        /// <summary>A piece of ART past its retention date (it may be deleted), sharing ART's invoice file.</summary>
        public async Task<int> NewExpiredEvidenceAsync()
        {
            await using var db = Ctx.CreateDb();
            var source = await db.EvidenceDocuments.AsNoTracking().SingleAsync(e => e.Id == ArtEvidence);
            var expired = new EvidenceDocument
            {
                OperationId = source.OperationId, TerritoryId = source.TerritoryId, Category = EvidenceCategory.Other, Sha256 = source.Sha256,
                OriginalName = $"ancienne-{Next()}.pdf", Size = source.Size, ContentType = source.ContentType, PeriodMonth = new DateOnly(2019, 1, 1),
                RetentionUntil = new DateOnly(2022, 12, 31),
            };
            db.EvidenceDocuments.Add(expired);
            await db.SaveChangesAsync();
            return expired.Id;
        }

        /// <summary>A watch item written by ART's coordinator (its author), in a workstream LIL's coordinator does not co-animate.</summary>
        public Task<WatchItemRow> NewWatchItemAsync() => AsAsync(Caller.Coordinator, async () =>
        {
            var service = Ctx.Get<WatchItemService>();
            var id = await service.CreateAsync(Workstream, new WatchItemInput { Title = $"Veille n°{Next()}", Date = new DateOnly(2023, 3, 2) });
            return (await service.ListAsync(Workstream, new WatchItemFilter(), Page)).Items.Single(i => i.Id == id);
        });

        public async Task<DeliverableRow> NewDeliverableAsync()
        {
            var service = Ctx.Get<DeliverableService>();
            var id = await service.CreateAsync(Workstream, new DeliverableInput { Title = $"Livrable n°{Next()}", DueDate = new DateOnly(2023, 9, 30) });
            return (await service.ListAsync(Workstream)).Items.Single(d => d.Id == id);
        }

        /// <summary>A pending monthly report (a new version each time), as the project lead would have asked for it.</summary>
        public async Task<int> NewPendingReportAsync() =>
            (await Ctx.Get<ReportService>().RequestAsync(new ReportRequest(ReportKind.Monthly, "2023-02", NewVersion: true))).Report.Id;

        // ---- The world's fixed objects ----

        private async Task<int> AddMemberAsync(int territoryId, int centreId, string firstName, string lastName, decimal cost, Caller account)
        {
            var id = await Ctx.Get<MemberService>().CreateAsync(MemberInput(territoryId) with
            {
                FirstName = firstName, LastName = lastName, CentreId = centreId, Role = MemberRole.Coordinator, Assignment = Assignment.Variable, AnnualGrossCost = cost,
            });
            await using var db = Ctx.CreateDb();
            var member = await db.Members.SingleAsync(m => m.Id == id);
            member.UserId = Users[account].UserId;
            await db.SaveChangesAsync();
            return id;
        }

        private Task<int> AddActivityAsync(Caller author, int territoryId, string title, int centreId, int partnerId) =>
            AsAsync(author, () => Ctx.Get<ActivityService>().CreateAsync(ActivityInput(territoryId, title) with
            {
                Type = ActivityType.PublicAction, Format = ActivityFormat.Workshop, InhabitantCount = 12, IsHighlight = true,
                FollowUp = $"Suite de l'{title}", CentreIds = [centreId], PartnerIds = [partnerId], WorkstreamIds = [Workstream],
            }));

        /// <summary>A ready federation report asked for by the project lead, its PDF on disk as the report job leaves it.</summary>
        private async Task<int> AddReadyReportAsync()
        {
            Directory.CreateDirectory(Path.Combine(Ctx.DataDirectory, "reports"));
            await File.WriteAllBytesAsync(Path.Combine(Ctx.DataDirectory, "reports", "matrice.pdf"), "%PDF-1.4\n%matrice\n"u8.ToArray());
            await using var db = Ctx.CreateDb();
            var snapshot = new ReportSnapshot
            {
                Kind = ReportKind.QuarterlyCommittee, OperationId = OperationId, PeriodLabel = "2023-Q1", Scope = ReportLabels.FederationScope,
                RequestedBy = "lea.cheffe", PeriodStart = new DateOnly(2023, 1, 1), PeriodEnd = new DateOnly(2023, 3, 31),
                Status = ReportStatus.Ready, PdfPath = "matrice.pdf",
            };
            db.ReportSnapshots.Add(snapshot);
            await db.SaveChangesAsync();
            return snapshot.Id;
        }
    }
}
