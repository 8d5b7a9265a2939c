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
    /// <summary>The world's form inputs and the fresh objects that write rows work on (one per call, so cases stay independent).</summary>
    public sealed partial class World
    {
        // ---- Inputs ----

        [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "The matrix's cases read everything from the world they are given (w.…), its inputs included.")]
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

        /// <summary>A committee account, deactivated, for reactivation.</summary>
        public async Task<string> DeactivatedAccountAsync()
        {
            var userId = (await Ctx.AddUserAsync($"parti.{Guid.NewGuid():N}@test.csc", Roles.Committee)).UserId!;
            await using var db = Ctx.CreateDb();
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            user.DeactivatedAt = new DateTime(2023, 3, 1, 12, 0, 0, DateTimeKind.Utc);
            await db.SaveChangesAsync();
            return userId;
        }

        /// <summary>An account with its second factor on (for the administrator's reset).</summary>
        public async Task<string> TwoFactorAccountAsync()
        {
            var userId = (await Ctx.AddUserAsync($"telephone.{Guid.NewGuid():N}@test.csc", Roles.Committee)).UserId!;
            await using var db = Ctx.CreateDb();
            (await db.Users.SingleAsync(u => u.Id == userId)).TwoFactorEnabled = true;
            await db.SaveChangesAsync();
            return userId;
        }

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
            await Ctx.Get<ExpenseService>().CreateExpenseAsync(ExpenseInput(territoryId, supplier, amount, category));

        public async Task<int> NewEvidenceAsync(string fileName, EvidenceLinks links)
        {
            await using var content = Pdf();
            return (await Ctx.Get<EvidenceService>().UploadAsync(new EvidenceUpload(fileName, EvidenceCategory.Invoice, links), content)).Id;
        }

        public async Task<ExpenseRow> NewEditableExpenseAsync() => await Ctx.Get<ExpenseService>().GetExpenseAsync(await NewExpenseAsync(Art));

        public async Task<BudgetLineRow> NewBudgetLineAsync(int? territoryId)
        {
            var budget = Ctx.Get<BudgetService>();
            var id = await budget.CreateBudgetLineAsync(BudgetLineInput(territoryId));
            return (await budget.BudgetLinesAsync(Finance())).Single(b => b.Id == id);
        }

        public async Task<FundingSourceRow> NewFundingSourceAsync()
        {
            var funding = Ctx.Get<FundingService>();
            var id = await funding.CreateFundingSourceAsync(FundingSourceInput());
            return (await funding.FundingSourcesAsync(OperationId)).Single(f => f.Id == id);
        }

        /// <summary>The resources of one territory, as the lead asks for them explicitly.</summary>
        public Task<Resources> ResourcesOfAsync(int territoryId) => AsAsync(Caller.Lead, () => Ctx.Get<FinanceFiguresService>().ResourcesAsync(Finance(territoryId)));

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
                FirstName = firstName,
                LastName = lastName,
                CentreId = centreId,
                Role = MemberRole.Coordinator,
                Assignment = Assignment.Variable,
                AnnualGrossCost = cost,
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
                Type = ActivityType.PublicAction,
                Format = ActivityFormat.Workshop,
                InhabitantCount = 12,
                IsHighlight = true,
                FollowUp = $"Suite de l'{title}",
                CentreIds = [centreId],
                PartnerIds = [partnerId],
                WorkstreamIds = [Workstream],
            }));

        /// <summary>A ready federation report asked for by the project lead, its PDF on disk as the report job leaves it.</summary>
        private async Task<int> AddReadyReportAsync()
        {
            Directory.CreateDirectory(Path.Combine(Ctx.DataDirectory, "reports"));
            await File.WriteAllBytesAsync(Path.Combine(Ctx.DataDirectory, "reports", "matrice.pdf"), "%PDF-1.4\n%matrice\n"u8.ToArray());
            await using var db = Ctx.CreateDb();
            var snapshot = new ReportSnapshot
            {
                Kind = ReportKind.QuarterlyCommittee, OperationId = OperationId, PeriodCode = "2023-Q1", Scope = ReportLabels.FederationScope,
                RequestedBy = "lea.cheffe", PeriodStart = new DateOnly(2023, 1, 1), PeriodEnd = new DateOnly(2023, 3, 31),
                Status = ReportStatus.Ready, PdfPath = "matrice.pdf",
            };
            db.ReportSnapshots.Add(snapshot);
            await db.SaveChangesAsync();
            return snapshot.Id;
        }
    }
}
