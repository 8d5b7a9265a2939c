using CscDashboard.Core.Governance;
using CscDashboard.Core.Network;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>
/// The governance's history (issue 20): a partner committee each quarter, a steering committee each half-year, a
/// federal team meeting each month, a territorial assembly per territory each spring and autumn, a workstream meeting
/// each quarter; their decisions, mostly done when old, some overdue; and two délégués de territoire per territory.
/// Demo meetings link no activity (the demo log already holds the coordinators' meetings).
/// </summary>
internal sealed class DemoGovernanceGenerator(DemoWorld world, string? leadId)
{
    private readonly Random _rng = new(2020);

    private static readonly (string First, string Last)[] DelegateNames =
    [
        ("Bernadette", "Lefebvre"), ("Jean-Claude", "Dubois"), ("Martine", "Caron"), ("Gérard", "Lemaire"), ("Nadia", "Benali"),
        ("Michel", "Delattre"), ("Sylvie", "Wattez"), ("Ahmed", "Khelifi"), ("Françoise", "Vandamme"), ("Daniel", "Poulain"),
        ("Yvette", "Dufour"), ("Rachid", "Hamdi"), ("Colette", "Boulanger"), ("Alain", "Deschamps"), ("Josiane", "Leroy"),
        ("Patrick", "Carpentier"), ("Monique", "Delcourt"), ("Karim", "Mansouri"), ("Odile", "Flament"), ("Serge", "Hennebelle"),
    ];

    private static readonly string[] CommitteeDecisions =
    [
        "Présenter au prochain comité la carte des centres engagés",
        "Solliciter la CAF pour un cofinancement des ateliers parents-enfants",
        "Préparer une note sur les cofinancements de droit commun par territoire",
        "Organiser une visite d'un tiers-lieu numérique pour les partenaires",
        "Relancer les intercommunalités sans convention",
        "Diffuser le bilan trimestriel aux élus des communes partenaires",
    ];

    private static readonly string[] TeamDecisions =
    [
        "Mettre à jour la liste des pièces justificatives manquantes",
        "Harmoniser les feuilles d'émargement des ateliers",
        "Partager les fiches d'animation du chantier entre territoires",
        "Préparer la clôture du mois avant le 10",
    ];

    private static readonly string[] AssemblyDecisions =
    [
        "Recenser les besoins de formation des bénévoles",
        "Organiser une permanence d'accès aux droits commune à deux centres",
        "Inviter la mairie au prochain atelier grand public",
        "Constituer un groupe de bénévoles référents numériques",
    ];

    /// <summary>Two délégués de territoire per territory, volunteers of one of its engaged centres.</summary>
    public IEnumerable<NetworkMember> Delegates()
    {
        var index = 0;
        foreach (var territory in world.Territories)
        {
            var centre = world.Centres.Where(c => c.TerritoryId == territory.Id && c.Status == CentreStatus.Engaged).OrderBy(c => c.Id).FirstOrDefault();
            for (var i = 0; i < 2; i++, index++)
            {
                var (first, last) = DelegateNames[index % DelegateNames.Length];
                yield return new NetworkMember
                {
                    FirstName = first, LastName = last, Email = $"{DemoCatalog.Slug(first)}.{DemoCatalog.Slug(last)}@delegues.{DemoDataSeeder.Domain}", Role = MemberRole.TerritoryDelegate, TerritoryId = territory.Id, CentreId = centre?.Id,
                    Assignment = Assignment.None, ActiveFrom = world.Start,
                };
            }
        }
    }

    public List<Meeting> Meetings(IReadOnlyList<NetworkMember> delegates)
    {
        var meetings = new List<Meeting>();
        var committeePartners = world.Partners.Where(p => p.Partner.IsCommitteeMember).Select(p => p.Partner.Id).Take(6).ToList();
        var allCoordinators = world.Coordinators.Select(c => c.UserId).ToList();
        for (var month = new DateOnly(world.Start.Year, world.Start.Month, 1); month <= world.Today; month = month.AddMonths(1))
        {
            // Federal team meeting: first Monday of the month, in the federation's office or by video.
            Add(meetings, MeetingKind.FederalTeam, $"Réunion d'équipe fédérale — {month.ToString("MMMM yyyy", Common.French.Culture)}", Weekday(month, DayOfWeek.Monday, 1),
                null, null, allCoordinators, [], [], TeamDecisions, decisions: _rng.Next(0, 2), video: month.Month % 2 == 0);
            if (month.Month is 3 or 6 or 9 or 12)
            {
                var quarter = (month.Month - 1) / 3 + 1;
                Add(meetings, MeetingKind.PartnerCommittee, $"Comité partenarial — {quarter}{(quarter == 1 ? "er" : "e")} trimestre {month.Year}",
                    Weekday(month, DayOfWeek.Thursday, 3), null, null, allCoordinators.Take(3).ToList(), [], committeePartners, CommitteeDecisions, decisions: 2);
                foreach (var (number, workstream) in world.Workstreams.OrderBy(w => w.Key))
                {
                    Add(meetings, MeetingKind.WorkstreamMeeting, $"Réunion du chantier « {workstream.ShortName} »", Weekday(month, DayOfWeek.Tuesday, 2), null, workstream.Id,
                        world.CoordinatorsOf(number).Select(c => c.UserId).ToList(), [], [], TeamDecisions, decisions: _rng.Next(0, 2), video: true);
                }
            }
            if (month.Month is 6 or 12)
            {
                Add(meetings, MeetingKind.SteeringCommittee, $"Comité de pilotage — {(month.Month == 6 ? "1er" : "2e")} semestre {month.Year}",
                    Weekday(month, DayOfWeek.Wednesday, 2), null, null, [], [], committeePartners.Take(3).ToList(), CommitteeDecisions, decisions: 1);
            }
            if (month.Month is 4 or 10)
            {
                foreach (var coordinator in world.Coordinators)
                {
                    var territoryDelegates = delegates.Where(d => d.TerritoryId == coordinator.Territory.Id).Select(d => d.Id).ToList();
                    var partners = world.Partners.Where(p => p.Partner.TerritoryId == coordinator.Territory.Id).Select(p => p.Partner.Id).Take(2).ToList();
                    Add(meetings, MeetingKind.TerritorialAssembly, $"Assemblée territoriale {coordinator.Territory.Name} — {(month.Month == 4 ? "printemps" : "automne")} {month.Year}",
                        Weekday(month, DayOfWeek.Saturday, 2), coordinator.Territory.Id, null, [coordinator.UserId], territoryDelegates, partners,
                        AssemblyDecisions, decisions: 2, owner: coordinator.UserId);
                }
            }
        }
        return meetings;
    }

    private void Add(List<Meeting> meetings, MeetingKind kind, string title, DateOnly date, int? territoryId, int? workstreamId,
        List<string> accounts, IReadOnlyList<int> members, IReadOnlyList<int> partners, string[] texts, int decisions, bool video = false, string? owner = null)
    {
        if (date > world.Today || world.OperationOn(date) is null)
        {
            return;
        }
        var attendees = accounts.Concat(leadId is null || kind == MeetingKind.TerritorialAssembly ? [] : [leadId]).Distinct()
            .Select(id => new MeetingAttendee { Kind = AttendeeKind.Account, UserId = id })
            .Concat(members.Select(id => new MeetingAttendee { Kind = AttendeeKind.Member, MemberId = id }))
            .Concat(partners.Select(id => new MeetingAttendee { Kind = AttendeeKind.Partner, PartnerId = id }))
            .ToList();
        var meeting = new Meeting
        {
            Kind = kind, Title = title, Date = date, StartTime = kind == MeetingKind.TerritorialAssembly ? new TimeOnly(10, 0) : new TimeOnly(14, 0),
            DurationMinutes = kind == MeetingKind.FederalTeam ? 120 : 150, TerritoryId = territoryId, WorkstreamId = workstreamId,
            Place = video ? null : kind == MeetingKind.TerritorialAssembly ? "Centre social du territoire" : "Fédération des centres sociaux, Lille",
            VideoLink = video ? "https://visio.demo.csc/equipe" : null,
            Agenda = "1. Tour de table\n2. Avancement de l'opération\n3. Décisions et suites",
            Minutes = $"<p>Réunion tenue avec {attendees.Count} participants.</p><ul><li>Point sur l'avancement</li><li>Échanges sur les prochaines actions</li></ul>",
            OtherParticipantCount = kind == MeetingKind.TerritorialAssembly ? _rng.Next(5, 25) : 0,
            Attendees = attendees,
        };
        var owners = accounts.Count > 0 ? accounts : leadId is null ? [] : [leadId];
        for (var i = 0; i < decisions && owners.Count > 0; i++)
        {
            var due = date.AddDays(_rng.Next(20, 90));
            var status = due < world.Today.AddDays(-30)
                ? _rng.NextDouble() switch { < 0.82 => DecisionStatus.Done, < 0.9 => DecisionStatus.Abandoned, _ => DecisionStatus.InProgress }
                : _rng.Chance(0.5) ? DecisionStatus.Todo : DecisionStatus.InProgress;
            meeting.Decisions.Add(new Decision
            {
                Text = _rng.Pick(texts), OwnerId = owner ?? _rng.Pick(owners), DueDate = due, Status = status,
                ClosedOn = status is DecisionStatus.Done or DecisionStatus.Abandoned ? Min(due.AddDays(-_rng.Next(0, 15)), world.Today) : null,
                FollowUp = status == DecisionStatus.Done ? "Réalisé, présenté à la réunion suivante." : null,
            });
        }
        meetings.Add(meeting);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>The <paramref name="nth"/> <paramref name="day"/> of the month.</summary>
    private static DateOnly Weekday(DateOnly month, DayOfWeek day, int nth)
    {
        var first = month;
        while (first.DayOfWeek != day)
        {
            first = first.AddDays(1);
        }
        return first.AddDays(7 * (nth - 1));
    }
}
