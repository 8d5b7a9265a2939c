using CscDashboard.Core.Evidence;
using CscDashboard.Core.Governance;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Territories;
using CscDashboard.Core.Workstreams;

namespace CscDashboard.Tests.Core;

/// <summary>Meetings and decisions (issue 20, ADR 031): staff read every meeting; a coordinator manages their territories' meetings; the committee reads none.</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    /// <summary>A property, not a field: <see cref="Rows"/> (another file of this class) reads it while it is initialised.</summary>
    private static IReadOnlyList<Row> GovernanceRows =>
    [
        // ---- Reads: staff, every territory (sharing is a goal); never the committee (attendees and owners are people) ----
        On<MeetingQueries>.Read(nameof(MeetingQueries.ListAsync), (s, w) => s.ListAsync(new MeetingFilter(), Page), Staff(Sees(Data.Art | Data.Federation))),
        On<MeetingQueries>.Read(nameof(MeetingQueries.GetAsync), (s, w) => s.GetAsync(w.ArtMeeting),
            But(But(Staff(Sees(Data.Art)), Caller.Coordinator, Sees(Data.Art).Verify<MeetingDetail>((_, m) => Assert.True(m.CanManage))),
                Caller.OtherCoordinator, Sees(Data.Art).Verify<MeetingDetail>((_, m) => Assert.False(m.CanManage)))),
        On<MeetingQueries>.Read(nameof(MeetingQueries.OptionsAsync), (s, w) => s.OptionsAsync(),
            But(Staff(Ok), Caller.Coordinator, Ok.Verify<MeetingOptions>((w, o) => Assert.Equal([w.Art], o.ManagedTerritoryIds)))),
        On<MeetingQueries>.Read(nameof(MeetingQueries.SearchMembersAsync), (s, w) => s.SearchMembersAsync("Artemis"), Staff(Sees(Data.Art))),
        On<MeetingQueries>.Read(nameof(MeetingQueries.TerritoryBodiesAsync), (s, w) => s.TerritoryBodiesAsync(w.Art), Staff(Sees(Data.Art))),
        // The sheet to sign is prepared by whoever manages the meeting.
        On<MeetingQueries>.Read(nameof(MeetingQueries.RenderAttendanceSheetAsync), (s, w) => s.RenderAttendanceSheetAsync(w.ArtMeeting), OwnTerritory(Sees(Data.Art))),

        // ---- Writes: the territory's coordinators, the lead, the admin (and the system); federation bodies: the lead ----
        On<MeetingService>.Write(nameof(MeetingService.CreateAsync), (s, w) => s.CreateAsync(w.MeetingInput(w.Art)), OwnTerritory(Ok)),
        On<MeetingService>.Write(nameof(MeetingService.CreateAsync), (s, w) => s.CreateAsync(w.MeetingInput(null)), Federation(Ok), "instance fédérale"),
        On<MeetingService>.Write(nameof(MeetingService.UpdateAsync), w => w.NewMeetingAsync(w.Art),
            (s, w, id) => s.UpdateAsync(id, w.MeetingInput(w.Art) with { Agenda = "1. Bilan", Version = 1 }), OwnTerritory(Ok)),
        On<MeetingService>.Write(nameof(MeetingService.DeleteAsync), w => w.NewMeetingAsync(w.Art), (s, w, id) => s.DeleteAsync(id, 1), OwnTerritory(Ok)),
        On<MeetingLinkService>.Read(nameof(MeetingLinkService.AttachableAsync), (s, w) => s.AttachableAsync(w.ArtMeeting), OwnTerritory(Sees(Data.Art))),
        On<MeetingLinkService>.Write(nameof(MeetingLinkService.AttachDocumentAsync), w => w.NewMeetingAsync(w.Art),
            (s, w, id) => s.AttachDocumentAsync(id, w.ArtEvidence), OwnTerritory(Ok)),
        On<MeetingLinkService>.Write(nameof(MeetingLinkService.DetachDocumentAsync), w => w.NewMeetingAsync(w.Art, document: true),
            (s, w, id) => s.DetachDocumentAsync(id, w.ArtEvidence), OwnTerritory(Ok)),
        // Deposited from a federation body's page, a piece is federation-level: the federation staff only.
        On<MeetingLinkService>.Write(nameof(MeetingLinkService.UploadAsync), w => w.NewMeetingAsync(null),
            (s, w, id) => s.UploadAsync(id, "emargement.pdf", EvidenceCategory.AttendanceSheet, World.Pdf()), Federation(Ok)),
        On<MeetingLinkService>.Write(nameof(MeetingLinkService.AttachReportAsync), w => w.NewMeetingAsync(w.Art),
            (s, w, id) => s.AttachReportAsync(id, w.ReadyReport), OwnTerritory(Ok)),
        On<MeetingLinkService>.Write(nameof(MeetingLinkService.DetachReportAsync), w => w.NewMeetingAsync(w.Art, report: true),
            (s, w, id) => s.DetachReportAsync(id, w.ReadyReport), OwnTerritory(Ok)),

        // ---- Decisions: written by the meeting's managers; their status also by their owner (here LIL's coordinator) ----
        On<DecisionService>.Write(nameof(DecisionService.AddAsync), w => w.NewMeetingAsync(w.Art),
            (s, w, id) => s.AddAsync(id, new DecisionInput { Text = "Relancer la mairie", OwnerId = w.Users[Caller.Coordinator].UserId! }), OwnTerritory(Ok)),
        On<DecisionService>.Write(nameof(DecisionService.UpdateAsync), w => w.NewDecisionAsync(Caller.OtherCoordinator),
            (s, w, id) => s.UpdateAsync(id, new DecisionInput { Text = "Relancer la mairie en avril", OwnerId = w.Users[Caller.OtherCoordinator].UserId!, Version = 1 }),
            OwnTerritory(Ok)),
        On<DecisionService>.Write(nameof(DecisionService.SetStatusAsync), w => w.NewDecisionAsync(Caller.Lead),
            (s, w, id) => s.SetStatusAsync(id, DecisionStatus.Done, "Fait", 1), OwnTerritory(Ok)),
        On<DecisionService>.Write(nameof(DecisionService.SetStatusAsync), w => w.NewDecisionAsync(Caller.OtherCoordinator),
            (s, w, id) => s.SetStatusAsync(id, DecisionStatus.InProgress, "Courrier parti", 1), OwnTerritory(Ok, other: Ok), "par son porteur"),
        On<DecisionService>.Write(nameof(DecisionService.DeleteAsync), w => w.NewDecisionAsync(Caller.Lead), (s, w, id) => s.DeleteAsync(id, 1), OwnTerritory(Ok)),
        On<DecisionService>.Read(nameof(DecisionService.MineAsync), (s, w) => s.MineAsync(),
            Cases(No, Ok, Ok, No,
                Ok.Verify<IReadOnlyList<DecisionRow>>((w, r) => Assert.Contains(r, d => d.Text == "Décision Artemis" && d.OwnerId == w.Users[Caller.Coordinator].UserId)),
                Ok.Verify<IReadOnlyList<DecisionRow>>((w, r) => Assert.All(r, d => Assert.Equal(w.Users[Caller.OtherCoordinator].UserId, d.OwnerId))),
                system: Ok.Verify<IReadOnlyList<DecisionRow>>((_, r) => Assert.Empty(r)))),
        On<DecisionService>.Read(nameof(DecisionService.OpenAsync), (s, w) => s.OpenAsync(), Staff(Ok.With("Décision Artemis"))),

        // ---- The programme's set-up (/admin/operations): the project lead and the admin (and the system) only ----
        On<OperationSetupService>.Read(nameof(OperationSetupService.ListAsync), (s, w) => s.ListAsync(), Federation(Ok.With("CSC-2021-2023"))),
        On<OperationSetupService>.Write(nameof(OperationSetupService.UpdateAsync), w => w.OperationFormAsync(),
            (s, w, input) => s.UpdateAsync(w.OperationId, input), Federation(Ok)),
        On<OperationSetupService>.Write(nameof(OperationSetupService.CreateNextPhaseAsync), w => w.NextPhaseFormAsync(),
            (s, w, input) => s.CreateNextPhaseAsync(w.OperationId, input), Federation(Ok)),
        On<TerritorySetupService>.Read(nameof(TerritorySetupService.ListAsync), (s, w) => s.ListAsync(), Federation(Sees(Data.Art | Data.Lil))),
        On<TerritorySetupService>.Write(nameof(TerritorySetupService.SaveTerritoryAsync), w => w.NewTerritoryAsync(),
            (s, w, id) => s.SaveTerritoryAsync(id, w.TerritoryForm(id)), Federation(Ok)),
        On<TerritorySetupService>.Write(nameof(TerritorySetupService.SetTerritoryArchivedAsync), w => w.NewTerritoryAsync(),
            (s, w, id) => s.SetTerritoryArchivedAsync(id, true), Federation(Ok)),
        On<TerritorySetupService>.Write(nameof(TerritorySetupService.DeleteTerritoryAsync), w => w.NewTerritoryAsync(),
            (s, w, id) => s.DeleteTerritoryAsync(id), Federation(Ok)),
        // A territory that holds data is archived, never deleted: refused for everyone, nothing written.
        On<TerritorySetupService>.Write(nameof(TerritorySetupService.DeleteTerritoryAsync), w => Task.FromResult(w.Art),
            (s, w, id) => s.DeleteTerritoryAsync(id), Cases(No, No, No, No, No, No), "avec des données"),
        On<TerritorySetupService>.Write(nameof(TerritorySetupService.SaveSectorAsync), (s, w) => s.SaveSectorAsync(null, new SectorInput { Name = "Secteur neuf" }),
            Federation(Ok)),
        On<TerritorySetupService>.Write(nameof(TerritorySetupService.ArchiveOrDeleteSectorAsync),
            w => w.Ctx.Get<TerritorySetupService>().SaveSectorAsync(null, new SectorInput { Name = "Secteur vide" }),
            (s, w, id) => s.ArchiveOrDeleteSectorAsync(id), Federation(Ok)),
        On<WorkstreamSetupService>.Read(nameof(WorkstreamSetupService.ListAsync), (s, w) => s.ListAsync(), Federation(Ok.With("oscar.coord"))),
        On<WorkstreamSetupService>.Write(nameof(WorkstreamSetupService.UpdateAsync), w => w.WorkstreamFormAsync(3),
            (s, w, form) => s.UpdateAsync(form.Id, form.Input with { CoAnimatorIds = [w.Users[Caller.Coordinator].UserId!] }), Federation(Ok)),
    ];

    public sealed partial class World
    {
        /// <summary>ART's assembly, attended by ART's member and partner (no account: it adds no activity to the world), with one decision.</summary>
        public int ArtMeeting { get; private set; }

        public MeetingInput MeetingInput(int? territoryId) => new()
        {
            Kind = territoryId is null ? MeetingKind.PartnerCommittee : MeetingKind.TerritorialAssembly,
            Title = territoryId is null ? $"Comité Zenith n°{Next()}" : $"Assemblée Artemis n°{Next()}",
            Date = new DateOnly(2023, 3, 10), TerritoryId = territoryId, MemberIds = [ArtMember],
        };

        public async Task<int> NewMeetingAsync(int? territoryId, bool document = false, bool report = false)
        {
            var id = await Ctx.Get<MeetingService>().CreateAsync(MeetingInput(territoryId));
            if (document)
            {
                await Ctx.Get<MeetingLinkService>().AttachDocumentAsync(id, ArtEvidence);
            }
            if (report)
            {
                await Ctx.Get<MeetingLinkService>().AttachReportAsync(id, ReadyReport);
            }
            return id;
        }

        /// <summary>A decision of a fresh ART meeting, owned by <paramref name="owner"/>.</summary>
        public async Task<int> NewDecisionAsync(Caller owner) =>
            await Ctx.Get<DecisionService>().AddAsync(await NewMeetingAsync(Art),
                new DecisionInput { Text = $"Décision n°{Next()}", OwnerId = Users[owner].UserId!, DueDate = new DateOnly(2023, 4, 30) });

        public async Task<OperationInput> OperationFormAsync() =>
            (await Ctx.Get<OperationSetupService>().ListAsync()).Single(o => o.Id == OperationId).Input with { Name = $"Opération n°{Next()}" };

        /// <summary>A phase of one year, far after the others, so that no two rows' phases overlap.</summary>
        public Task<OperationInput> NextPhaseFormAsync()
        {
            var year = 2100 + Next();
            return Task.FromResult(new OperationInput
            {
                Code = $"PHASE-{year}", Name = "Phase suivante", StartDate = new DateOnly(year, 1, 1), EndDate = new DateOnly(year, 12, 31),
                Programme = "FEDER-FSE+ 2021-2027 (Région Hauts-de-France)", EuFundingPercent = 60m,
            });
        }

        /// <summary>A territory without data (no marker in its name: it is nobody's).</summary>
        public async Task<int> NewTerritoryAsync()
        {
            var n = Next();
            var setup = Ctx.Get<TerritorySetupService>();
            var sector = (await setup.ListAsync()).Sectors[0].Id;
            return await setup.SaveTerritoryAsync(null, new TerritoryInput { Code = $"T{n}", Name = $"Territoire neuf n°{n}", SectorId = sector });
        }

        public TerritoryInput TerritoryForm(int id)
        {
            using var db = Ctx.CreateDb();
            var t = db.Territories.Single(x => x.Id == id);
            return new TerritoryInput { Code = t.Code, Name = t.Name + " (renommé)", SectorId = t.SectorId, Version = t.Version };
        }

        /// <summary>Workstream <paramref name="number"/> put back without co-animators; its form.</summary>
        public async Task<WorkstreamSetupRow> WorkstreamFormAsync(int number)
        {
            var service = Ctx.Get<WorkstreamSetupService>();
            var row = (await service.ListAsync()).Single(w => w.Number == number);
            await service.UpdateAsync(row.Id, row.Input with { CoAnimatorIds = [] });
            return (await service.ListAsync()).Single(w => w.Number == number);
        }

        private async Task AddGovernanceAsync()
        {
            ArtMeeting = await Ctx.Get<MeetingService>().CreateAsync(MeetingInput(Art) with
            {
                Title = "Assemblée territoriale Artemis",
                PartnerIds = [ArtPartner],
                Minutes = "<p>Compte rendu Artemis</p>",
            });
            await Ctx.Get<DecisionService>().AddAsync(ArtMeeting,
                new DecisionInput { Text = "Décision Artemis", OwnerId = Users[Caller.Coordinator].UserId!, DueDate = new DateOnly(2023, 3, 1) });
            await Ctx.Get<MeetingService>().CreateAsync(MeetingInput(null) with { Title = "Comité partenarial Zenith", MemberIds = [] });
        }
    }
}
