using CscDashboard.Core.Governance;

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

        public async Task<int> NewMeetingAsync(int territoryId, bool document = false, bool report = false)
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

        private async Task AddGovernanceAsync()
        {
            ArtMeeting = await Ctx.Get<MeetingService>().CreateAsync(MeetingInput(Art) with
            {
                Title = "Assemblée territoriale Artemis", PartnerIds = [ArtPartner], Minutes = "<p>Compte rendu Artemis</p>",
            });
            await Ctx.Get<DecisionService>().AddAsync(ArtMeeting,
                new DecisionInput { Text = "Décision Artemis", OwnerId = Users[Caller.Coordinator].UserId!, DueDate = new DateOnly(2023, 3, 1) });
            await Ctx.Get<MeetingService>().CreateAsync(MeetingInput(null) with { Title = "Comité partenarial Zenith", MemberIds = [] });
        }
    }
}
