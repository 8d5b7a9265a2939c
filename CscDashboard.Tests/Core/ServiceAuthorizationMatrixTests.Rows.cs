using CscDashboard.Core.Activities;
using CscDashboard.Core.Backups;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Home;
using CscDashboard.Core.Lookups;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Timesheets;
using CscDashboard.Core.Users;
using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Core;

public sealed partial class ServiceAuthorizationMatrixTests
{
    private static readonly ActivityFilter AllActivities = new();

    public static readonly IReadOnlyList<Row> Rows =
    [
        // ---- Activity log: read by all staff across territories (sharing methods is a goal), written in one's own territories ----
        On<ActivityService>.Write(nameof(ActivityService.CreateAsync), (s, w) => s.CreateAsync(w.ActivityInput(w.Art)),
            // The system has no account to be the author of an activity.
            Cases(No, Ok, Ok, No, Ok, No, system: No)),
        // An entry saved offline and synced (ADR 032): the same rights as typing it online; a fresh key each time.
        On<ActivityService>.Write(nameof(ActivityService.CreateOnceAsync), (s, w) => s.CreateOnceAsync(Guid.NewGuid(), w.ActivityInput(w.Art)),
            Cases(No, Ok, Ok, No, Ok, No, system: No)),
        On<ActivityService>.Write(nameof(ActivityService.UpdateAsync), w => w.NewActivityAsync(w.Art),
            (s, w, a) => s.UpdateAsync(a.Id, w.ActivityInput(w.Art, "Visite modifiée"), a.Version), OwnTerritory(Ok)),
        On<ActivityService>.Write(nameof(ActivityService.UpdateAsync), w => w.NewActivityAsync(w.Art),
            (s, w, a) => s.UpdateAsync(a.Id, w.ActivityInput(w.Lil), a.Version), Federation(Ok), "déplacée vers LIL"),
        On<ActivityService>.Write(nameof(ActivityService.DeleteAsync), w => w.NewActivityAsync(w.Art),
            (s, w, a) => s.DeleteAsync(a.Id, a.Version), OwnTerritory(Ok)),
        On<ActivityService>.Write(nameof(ActivityService.RestoreAsync), w => w.NewActivityAsync(w.Art, deleted: true),
            (s, w, a) => s.RestoreAsync(a.Id), Federation(Ok)),
        On<ActivityQueries>.Read(nameof(ActivityQueries.ListAsync), (s, w) => s.ListAsync(AllActivities, Page), Staff(Sees(Data.Art | Data.Lil))),
        On<ActivityQueries>.Read(nameof(ActivityQueries.ListAsync), (s, w) => s.ListAsync(AllActivities with { Deleted = true }, Page),
            Federation(Sees(Data.Art)), "corbeille"),
        On<ActivityQueries>.Read(nameof(ActivityQueries.ListAsync), (s, w) => s.ListAsync(AllActivities with { Mine = true }, Page),
            Cases(No, Ok, Ok, No, Sees(Data.Art), Sees(Data.Lil), system: Sees(Data.None)), "mes activités"),
        // The export reads what the list reads; its text (CSV, or the workbook's cells) is what the caller gets.
        On<ActivityExportService>.Read(nameof(ActivityExportService.EnsureCanExport), async (s, w) =>
        {
            await Task.CompletedTask;
            return s.EnsureCanExport(AllActivities);
        }, Staff(Ok)),
        On<ActivityExportService>.Read(nameof(ActivityExportService.WriteCsvAsync), (s, w) => ExportTextAsync(s, AllActivities, xlsx: false),
            Staff(Sees(Data.Art | Data.Lil))),
        On<ActivityExportService>.Read(nameof(ActivityExportService.WriteCsvAsync), (s, w) => ExportTextAsync(s, AllActivities with { Deleted = true }, xlsx: false),
            Federation(Sees(Data.Art)), "corbeille"),
        On<ActivityExportService>.Read(nameof(ActivityExportService.WriteXlsxAsync), (s, w) => ExportTextAsync(s, AllActivities, xlsx: true),
            Staff(Sees(Data.Art | Data.Lil))),
        On<ActivityExportService>.Read(nameof(ActivityExportService.WriteCsvAsync), (s, w) => ExportTextAsync(s, AllActivities with { Mine = true }, xlsx: false),
            Cases(No, Ok, Ok, No, Sees(Data.Art), Sees(Data.Lil), system: Sees(Data.None)), "mes activités"),
        // The admin's and the lead's weeks hold what other rows created as them; a coordinator's holds only their own.
        On<ActivityQueries>.Read(nameof(ActivityQueries.GetWeekAsync), (s, w) => s.GetWeekAsync(new DateOnly(2023, 3, 13)),
            Cases(No, Ok, Ok, No, Sees(Data.Art), Sees(Data.Lil), system: Sees(Data.None))),
        On<ActivityQueries>.Read(nameof(ActivityQueries.GetAsync), (s, w) => s.GetAsync(w.ArtActivity), Staff(Sees(Data.Art))),
        On<ActivityQueries>.Read(nameof(ActivityQueries.GetCopyAsync), (s, w) => s.GetCopyAsync(w.ArtActivity), Staff(Sees(Data.Art))),
        On<ActivityQueries>.Read(nameof(ActivityQueries.GetEntryDefaultsAsync), (s, w) => s.GetEntryDefaultsAsync(),
            ByTerritory(Sees(Data.Art | Data.Lil), Sees(Data.Art), Sees(Data.Lil))),
        On<ActivityHistory>.Read(nameof(ActivityHistory.GetAsync), (s, w) => s.GetAsync(w.ArtActivity), Staff(Sees(Data.Art))),

        // ---- Pickers and dashboards ----
        On<LookupService>.Read(nameof(LookupService.SearchCentresAsync), async (s, w) =>
                (await s.SearchCentresAsync("Artemis", null)).Concat(await s.SearchCentresAsync("Lilas", null)).ToList(),
            SignedIn(Sees(Data.Art | Data.Lil))),
        // The offline entry page's centres: those of the territories the caller writes in, kept on the phone (ADR 032).
        On<LookupService>.Read(nameof(LookupService.EntryCentresAsync), (s, w) => s.EntryCentresAsync(),
            ByTerritory(Sees(Data.Art | Data.Lil), Sees(Data.Art), Sees(Data.Lil))),
        On<LookupService>.Read(nameof(LookupService.SearchPartnersAsync), async (s, w) =>
                (await s.SearchPartnersAsync("Artemis", null)).Concat(await s.SearchPartnersAsync("Lilas", null)).Concat(await s.SearchPartnersAsync("Zenith", null)).ToList(),
            SignedIn(Sees(Data.Art | Data.Lil | Data.Federation))),
        On<LookupService>.Read(nameof(LookupService.AuthorsAsync), (s, w) => s.AuthorsAsync(),
            Cases(Ok, Ok.With("oscar.coord", "xavier.coord"), Ok.With("oscar.coord"), Ok.Verify<IReadOnlyList<(string, string)>>((_, r) => Assert.Empty(r)),
                Ok.With("oscar.coord", "xavier.coord"), Ok.With("oscar.coord", "xavier.coord"))),
        On<DashboardService>.Read(nameof(DashboardService.GetOverviewAsync), (s, w) => s.GetOverviewAsync(w.March), SignedIn(Sees(Data.Art | Data.Lil))),
        On<DashboardService>.Read(nameof(DashboardService.GetTerritoryAsync), (s, w) => s.GetTerritoryAsync("ART", w.March), Staff(Sees(Data.Art))),
        On<HomeService>.Read(nameof(HomeService.GetSummaryAsync), (s, w) => s.GetSummaryAsync(),
            Cases(No, Sees(Data.Art | Data.Lil), Sees(Data.Art | Data.Lil), Sees(Data.Art | Data.Lil), Sees(Data.Art), Sees(Data.Lil))),
        // Like "Ma semaine": one's own latest entries; the evidence owed is a count, scoped by ComplianceService.
        On<HomeService>.Read(nameof(HomeService.GetActionsAsync), (s, w) => s.GetActionsAsync(),
            Cases(No, Ok, Ok, No, Sees(Data.Art), Sees(Data.Lil), system: Sees(Data.None))),

        // ---- Network directory: read by every signed-in role (members: not the committee), written in one's own territories ----
        On<CentreService>.Read(nameof(CentreService.ListTerritoriesAsync), (s, w) => s.ListTerritoriesAsync(),
            Cases(No,
                Sees(Data.Art | Data.Lil).Verify<IReadOnlyList<TerritoryOption>>((_, r) => Assert.All(r, t => Assert.True(t.CanWrite))),
                Sees(Data.Art | Data.Lil),
                Sees(Data.Art | Data.Lil).Verify<IReadOnlyList<TerritoryOption>>((_, r) => Assert.DoesNotContain(r, t => t.CanWrite)),
                Sees(Data.Art | Data.Lil).Verify<IReadOnlyList<TerritoryOption>>((w, r) => Assert.Equal([w.Art], r.Where(t => t.CanWrite).Select(t => t.Id))),
                Sees(Data.Art | Data.Lil).Verify<IReadOnlyList<TerritoryOption>>((w, r) => Assert.Equal([w.Lil], r.Where(t => t.CanWrite).Select(t => t.Id))))),
        On<CentreService>.Read(nameof(CentreService.ListOptionsAsync), (s, w) => s.ListOptionsAsync(w.Art), SignedIn(Sees(Data.Art))),
        On<CentreService>.Read(nameof(CentreService.ListAsync), (s, w) => s.ListAsync(new CentreFilter(), Page), SignedIn(Sees(Data.Art | Data.Lil))),
        On<CentreService>.Read(nameof(CentreService.GetAsync), (s, w) => s.GetAsync(w.ArtCentre), SignedIn(Sees(Data.Art))),
        On<CentreService>.Write(nameof(CentreService.CreateAsync), (s, w) => s.CreateAsync(w.CentreInput(w.Art)), OwnTerritory(Ok)),
        On<CentreService>.Write(nameof(CentreService.UpdateAsync), async w => await w.Ctx.Get<CentreService>().GetAsync(await w.NewCentreAsync(w.Art)),
            (s, w, c) => s.UpdateAsync(c.Id, c.Input with { Commune = "Lens" }), OwnTerritory(Ok)),
        On<CentreService>.Write(nameof(CentreService.UpdateAsync), async w => await w.Ctx.Get<CentreService>().GetAsync(await w.NewCentreAsync(w.Art)),
            (s, w, c) => s.UpdateAsync(c.Id, c.Input with { TerritoryId = w.Lil }), Federation(Ok), "déplacé vers LIL"),
        On<CentreService>.Write(nameof(CentreService.SetArchivedAsync), w => w.NewCentreAsync(w.Art), (s, w, id) => s.SetArchivedAsync(id, true), OwnTerritory(Ok)),

        On<MemberService>.Read(nameof(MemberService.ListAsync), (s, w) => s.ListAsync(new MemberFilter(), Page), Staff(Sees(Data.Art | Data.Lil))),
        // The annual gross cost is finance: only for those who read the member's territory's finance.
        On<MemberService>.Read(nameof(MemberService.GetAsync), (s, w) => s.GetAsync(w.ArtMember),
            But(Staff(Sees(Data.Art).With("34400")), Caller.OtherCoordinator, Sees(Data.Art).Without("34400"))),
        On<MemberService>.Write(nameof(MemberService.CreateAsync), (s, w) => s.CreateAsync(w.MemberInput(w.Art)), OwnTerritory(Ok)),
        On<MemberService>.Write(nameof(MemberService.UpdateAsync), async w => await w.Ctx.Get<MemberService>().GetAsync(await w.NewMemberAsync(w.Art)),
            (s, w, m) => s.UpdateAsync(m.Id, m.Input with { Phone = "03 21 00 00 00" }), OwnTerritory(Ok)),
        On<MemberService>.Write(nameof(MemberService.UpdateAsync), async w => await w.Ctx.Get<MemberService>().GetAsync(await w.NewMemberAsync(w.Art)),
            (s, w, m) => s.UpdateAsync(m.Id, m.Input with { TerritoryId = w.Lil }), Federation(Ok), "déplacé vers LIL"),
        On<MemberService>.Write(nameof(MemberService.SetArchivedAsync), w => w.NewMemberAsync(w.Art), (s, w, id) => s.SetArchivedAsync(id, true), OwnTerritory(Ok)),

        On<PartnerService>.Read(nameof(PartnerService.ListAsync), (s, w) => s.ListAsync(new PartnerFilter(), Page), SignedIn(Sees(Data.Art | Data.Lil | Data.Federation))),
        On<PartnerService>.Read(nameof(PartnerService.GetAsync), (s, w) => s.GetAsync(w.ArtPartner), SignedIn(Sees(Data.Art))),
        On<PartnerService>.Write(nameof(PartnerService.CreateAsync), (s, w) => s.CreateAsync(w.PartnerInput(w.Art)), OwnTerritory(Ok)),
        // A coordinator's federation-wide partner is refused by the form's rule (a field message), before anything is written.
        On<PartnerService>.Write(nameof(PartnerService.CreateAsync), (s, w) => s.CreateAsync(w.PartnerInput(null)),
            Cases(No, Ok, Ok, No, Bad, Bad), "toute la fédération"),
        On<PartnerService>.Write(nameof(PartnerService.UpdateAsync), async w => await w.Ctx.Get<PartnerService>().GetAsync(await w.NewPartnerAsync(w.Art)),
            (s, w, p) => s.UpdateAsync(p.Id, p.Input with { ContactPhone = "03 21 00 00 00" }), OwnTerritory(Ok)),
        On<PartnerService>.Write(nameof(PartnerService.UpdateAsync), async w => await w.Ctx.Get<PartnerService>().GetAsync(await w.NewPartnerAsync(null)),
            (s, w, p) => s.UpdateAsync(p.Id, p.Input with { ContactPhone = "03 21 00 00 00" }), Federation(Ok), "toute la fédération"),
        On<PartnerService>.Write(nameof(PartnerService.SetArchivedAsync), w => w.NewPartnerAsync(w.Art), (s, w, id) => s.SetArchivedAsync(id, true), OwnTerritory(Ok)),

        On<NetworkImportService>.Read(nameof(NetworkImportService.PreviewAsync), (s, w) => s.PreviewAsync(w.CentresCsv(), "centres.csv", ImportKind.Centres),
            Cases(No, Ok, Ok, No,
                Ok.Verify<ImportPreview>((_, p) => Assert.True(p.CanImport)),
                Ok.With("ne vous est pas attribué").Verify<ImportPreview>((_, p) => Assert.False(p.CanImport)))),
        On<NetworkImportService>.Write(nameof(NetworkImportService.ImportAsync), (s, w) => s.ImportAsync(w.CentresCsv(), "centres.csv", ImportKind.Centres),
            Cases(No, Ok, Ok, No, Ok, Bad)),
        On<NetworkExportService>.Read(nameof(NetworkExportService.ExportCentresAsync), (s, w) => s.ExportCentresAsync(new CentreFilter(), ExportFormat.Csv),
            SignedIn(Sees(Data.Art | Data.Lil))),
        On<NetworkExportService>.Read(nameof(NetworkExportService.ExportMembersAsync), (s, w) => s.ExportMembersAsync(new MemberFilter(), ExportFormat.Csv),
            ByTerritory(Sees(Data.Art | Data.Lil).With("34400", "30300"),
                Sees(Data.Art | Data.Lil).With("34400").Without("30300"), Sees(Data.Art | Data.Lil).With("30300").Without("34400"))),
        On<NetworkExportService>.Read(nameof(NetworkExportService.ExportPartnersAsync), (s, w) => s.ExportPartnersAsync(new PartnerFilter(), ExportFormat.Csv),
            SignedIn(Sees(Data.Art | Data.Lil | Data.Federation))),

        // ---- Workstreams: figures for every role, details for staff; deliverables by co-animators (ART's coordinator here) ----
        On<WorkstreamService>.Read(nameof(WorkstreamService.GetSpaceAsync), (s, w) => s.GetSpaceAsync(1, w.March.From, w.March.To), SignedIn(Sees(Data.Art | Data.Lil))),
        On<WorkstreamService>.Read(nameof(WorkstreamService.GetFiguresAsync), (s, w) => s.GetFiguresAsync(w.Workstream, w.March.From, w.March.To), SignedIn(Sees(Data.Art | Data.Lil))),
        On<WorkstreamService>.Read(nameof(WorkstreamService.ListSessionsAsync), (s, w) => s.ListSessionsAsync(w.Workstream, w.March.From, w.March.To, Page),
            Staff(Sees(Data.Art | Data.Lil))),
        On<WatchItemService>.Read(nameof(WatchItemService.ListAsync), (s, w) => s.ListAsync(w.Workstream, new WatchItemFilter(), Page), Staff(Ok.With("Veille sobriété numérique"))),
        On<WatchItemService>.Read(nameof(WatchItemService.ListTagsAsync), (s, w) => s.ListTagsAsync(w.Workstream), Staff(Ok.With("sobriété"))),
        On<WatchItemService>.Write(nameof(WatchItemService.CreateAsync), (s, w) => s.CreateAsync(w.Workstream, new WatchItemInput { Title = "Veille", Date = new DateOnly(2023, 3, 1) }),
            // Any coordinator adds watch items; the system has no account to be their author.
            Cases(No, Ok, Ok, No, Ok, Ok, system: No)),
        On<WatchItemService>.Write(nameof(WatchItemService.UpdateAsync), w => w.NewWatchItemAsync(),
            (s, w, item) => s.UpdateAsync(item.Id, WatchItemService.ToInput(item) with { Title = "Veille modifiée" }), OwnTerritory(Ok)),
        On<WatchItemService>.Write(nameof(WatchItemService.DeleteAsync), w => w.NewWatchItemAsync(), (s, w, item) => s.DeleteAsync(item.Id, item.Version), OwnTerritory(Ok)),
        On<DeliverableService>.Read(nameof(DeliverableService.ListAsync), (s, w) => s.ListAsync(w.Workstream),
            But(But(Staff(Ok.With("Guide du chantier")),
                Caller.Coordinator, Ok.With("Guide du chantier").Verify<DeliverableList>((_, l) => Assert.True(l.CanManage))),
                Caller.OtherCoordinator, Ok.With("Guide du chantier").Verify<DeliverableList>((_, l) => Assert.False(l.CanManage)))),
        On<DeliverableService>.Write(nameof(DeliverableService.CreateAsync),
            (s, w) => s.CreateAsync(w.Workstream, new DeliverableInput { Title = "Livrable", DueDate = new DateOnly(2023, 9, 30) }), OwnTerritory(Ok)),
        On<DeliverableService>.Write(nameof(DeliverableService.UpdateAsync), w => w.NewDeliverableAsync(),
            (s, w, d) => s.UpdateAsync(d.Id, DeliverableService.ToInput(d) with { Status = DeliverableStatus.InProgress }), OwnTerritory(Ok)),
        On<DeliverableService>.Write(nameof(DeliverableService.DeleteAsync), w => w.NewDeliverableAsync(), (s, w, d) => s.DeleteAsync(d.Id, d.Version), OwnTerritory(Ok)),

        // ---- Evidence: the territory's coordinators, the lead and the admin; never the committee; federation level for the lead ----
        On<EvidenceService>.Write(nameof(EvidenceService.UploadAsync),
            (s, w) => s.UploadAsync(new EvidenceUpload("emargement.pdf", EvidenceCategory.AttendanceSheet, new EvidenceLinks(ActivityId: w.ArtActivity)), World.Pdf()),
            OwnTerritory(Ok)),
        On<EvidenceService>.Write(nameof(EvidenceService.UploadAsync),
            (s, w) => s.UploadAsync(new EvidenceUpload("note.pdf", EvidenceCategory.Other, new EvidenceLinks()), World.Pdf()), Federation(Ok), "niveau fédération"),
        On<EvidenceService>.Write(nameof(EvidenceService.WithdrawAsync), w => w.NewEvidenceAsync("a-retirer.pdf", new EvidenceLinks(ExpenseId: w.ArtExpense)),
            (s, w, id) => s.WithdrawAsync(id, "Doublon"), OwnTerritory(Ok)),
        On<EvidenceService>.Write(nameof(EvidenceService.DeleteAsync), w => w.NewExpiredEvidenceAsync(), (s, w, id) => s.DeleteAsync(id), OwnTerritory(Ok)),
        On<EvidenceQueries>.Read(nameof(EvidenceQueries.ListAsync), (s, w) => s.ListAsync(new EvidenceFilter(), Page),
            ByTerritory(Sees(Data.Art | Data.Lil | Data.Federation), Sees(Data.Art), Sees(Data.Lil))),
        On<EvidenceQueries>.Read(nameof(EvidenceQueries.OpenAsync), (s, w) => s.OpenAsync(w.ArtEvidence), OwnTerritory(Sees(Data.Art))),
        On<EvidenceQueries>.Read(nameof(EvidenceQueries.OpenAsync), (s, w) => s.OpenAsync(w.FederationEvidence), Federation(Sees(Data.Federation)), "niveau fédération"),
        On<EvidenceQueries>.Read(nameof(EvidenceQueries.OpenAsync), (s, w) => s.OpenAsync(999_999), Cases(No, Gone, Gone, No, Gone, Gone), "numéro deviné"),
        On<AttendanceSheetService>.Read(nameof(AttendanceSheetService.BuildAsync), (s, w) => s.BuildAsync(w.ArtActivity), OwnTerritory(Sees(Data.Art))),
        On<AttendanceSheetService>.Read(nameof(AttendanceSheetService.RenderAsync), (s, w) => s.RenderAsync(w.ArtActivity), OwnTerritory(Sees(Data.Art))),
        On<TimesheetService>.Read(nameof(TimesheetService.BuildAsync), (s, w) => s.BuildAsync(w.ArtMember, w.March.From), OwnTerritory(Sees(Data.Art))),
        On<TimesheetService>.Read(nameof(TimesheetService.RenderAsync), (s, w) => s.RenderAsync(w.ArtMember, w.March.From), OwnTerritory(Sees(Data.Art))),
        On<TimesheetService>.Write(nameof(TimesheetService.AttachSignedScanAsync),
            (s, w) => s.AttachSignedScanAsync(w.ArtMember, w.March.From, SignatureStatus.SignedByEmployee, "feuille-signee.pdf", World.Pdf()), OwnTerritory(Ok)),

        .. FinanceAndComplianceRows,
        .. ReportAndAdministrationRows,
        .. OpenDataRows,
        .. IndicatorRows,
        .. ClosingRows,
        .. NotificationRows,
        .. GovernanceRows,
    ];
}
