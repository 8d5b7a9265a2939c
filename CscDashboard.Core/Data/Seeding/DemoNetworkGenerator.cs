using CscDashboard.Core.Network;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>Social centres, network members and partners of the demo; reproducible (fixed seed).</summary>
internal sealed class DemoNetworkGenerator(DemoWorld world)
{
    /// <summary>Centres that did not stay engaged: (territory number, centre rank) → planned withdrawal.</summary>
    private static readonly Dictionary<(int, int), DateOnly> Withdrawals = new()
    {
        [(2, 5)] = new(2022, 6, 30), [(5, 4)] = new(2023, 6, 30), [(8, 6)] = new(2024, 12, 31),
    };

    /// <summary>Centres that are still candidates: (territory number, centre rank) → candidate since.</summary>
    private static readonly Dictionary<(int, int), DateOnly> Candidates = new()
    {
        [(1, 4)] = new(2023, 1, 16), [(3, 5)] = new(2023, 10, 2), [(6, 6)] = new(2024, 3, 11),
        [(7, 6)] = new(2024, 11, 18), [(9, 4)] = new(2025, 5, 5),
    };

    private readonly Random _rng = new(2022);
    private readonly HashSet<string> _usedNames = [];
    private readonly HashSet<string> _usedEmails = [];

    public List<SocialCentre> Centres()
    {
        var names = DemoCatalog.CentreNames.OrderBy(_ => _rng.Next()).ToArray();
        var next = 0;
        var centres = new List<SocialCentre>();
        foreach (var territory in world.Territories)
        {
            var places = DemoPlaces.For(territory.Code, territory.Number);
            for (var rank = 0; rank < places.CentreCount; rank++)
            {
                var commune = places.Communes[rank % places.Communes.Length];
                var name = names[next++ % names.Length];
                var centre = new SocialCentre
                {
                    Name = (_rng.Chance(0.15) ? "Centre social et culturel " : "Centre social ") + name,
                    Commune = commune.Name,
                    Postcode = commune.Postcode,
                    Address = $"{_rng.Next(1, 181)} {_rng.Pick(DemoCatalog.Streets)}",
                    TerritoryId = territory.Id,
                    IsHostCentre = rank == 0,
                };
                SetStatus(centre, territory.Number, rank);
                centres.Add(centre);
            }
        }
        return centres;
    }

    private void SetStatus(SocialCentre centre, int territoryNumber, int rank)
    {
        var today = world.Today;
        if (Candidates.TryGetValue((territoryNumber, rank), out var since))
        {
            centre.Status = CentreStatus.Candidate;
            centre.CandidateSince = Min(since, today);
            return;
        }
        centre.CandidateSince = Min(new DateOnly(2021, 4, 1).AddDays(_rng.Next(0, 120)), today);
        var engagedOn = rank == 0 ? world.Start : new DateOnly(2021, 9, 15).AddDays(_rng.Next(0, 470));
        if (engagedOn > today)
        {
            centre.Status = CentreStatus.Candidate;
            return;
        }
        centre.Status = CentreStatus.Engaged;
        centre.EngagedOn = engagedOn;
        if (Withdrawals.TryGetValue((territoryNumber, rank), out var withdrawnOn) && withdrawnOn <= today)
        {
            centre.Status = CentreStatus.Withdrawn;
            centre.WithdrawnOn = withdrawnOn;
        }
    }

    public List<NetworkMember> Members(IReadOnlyList<SocialCentre> centres)
    {
        var members = new List<NetworkMember>();
        foreach (var coordinator in world.Coordinators)
        {
            var host = centres.First(c => c.TerritoryId == coordinator.Territory.Id && c.IsHostCentre);
            var (first, last) = DemoCatalog.CoordinatorNames[(coordinator.Number - 1) % DemoCatalog.CoordinatorNames.Length];
            _usedNames.Add($"{first} {last}");
            members.Add(new NetworkMember
            {
                FirstName = first, LastName = last, Email = coordinator.Email, Phone = DemoCatalog.Phone(_rng),
                Role = MemberRole.Coordinator, TerritoryId = host.TerritoryId, CentreId = host.Id,
                Assignment = Assignment.FullTime, AnnualGrossCost = Cost(42_000, 47_000),
                ActiveFrom = world.Start, UserId = coordinator.UserId,
            });
        }
        foreach (var centre in centres)
        {
            if (centre.Status == CentreStatus.Candidate)
            {
                members.Add(Member(centre, MemberRole.OtherProfessional, candidate: true));
                continue;
            }
            members.Add(Member(centre, MemberRole.Ctn));
            members.AddRange(Enumerable.Range(0, _rng.Next(0, 3)).Select(_ => Member(centre, MemberRole.Mediator)));
            members.AddRange(Enumerable.Range(0, _rng.Next(0, 3)).Select(_ => Member(centre, MemberRole.Volunteer)));
            if (_rng.Chance(0.3))
            {
                members.Add(Member(centre, MemberRole.OtherProfessional));
            }
        }
        return members;
    }

    private NetworkMember Member(SocialCentre centre, MemberRole role, bool candidate = false)
    {
        var (first, last) = NewName();
        var member = new NetworkMember
        {
            FirstName = first,
            LastName = last,
            Email = Email(first, last, "centre-" + DemoCatalog.Slug(centre.Commune)),
            Phone = role == MemberRole.Volunteer && _rng.Chance(0.5) ? null : DemoCatalog.Phone(_rng),
            Role = role,
            TerritoryId = centre.TerritoryId,
            CentreId = centre.Id,
        };
        (member.Assignment, member.AssignmentPercent, member.AnnualGrossCost) = candidate ? (Assignment.None, null, null) : role switch
        {
            MemberRole.Ctn when _rng.Chance(0.45) => (Assignment.FullTime, (decimal?)null, (decimal?)Cost(34_000, 45_000)),
            MemberRole.Ctn => (Assignment.FixedPercent, _rng.Pick([50m, 60m, 70m, 80m]), Cost(34_000, 45_000)),
            MemberRole.Mediator when _rng.Chance(0.5) => (Assignment.FixedPercent, _rng.Pick([20m, 25m, 30m, 40m, 50m]), Cost(32_000, 40_000)),
            MemberRole.Mediator => (Assignment.Variable, null, Cost(32_000, 40_000)),
            MemberRole.OtherProfessional when _rng.Chance(0.3) => (Assignment.FixedPercent, _rng.Pick([10m, 15m, 20m]), Cost(35_000, 46_000)),
            MemberRole.OtherProfessional => (Assignment.Variable, null, Cost(35_000, 46_000)),
            _ => (Assignment.None, null, null),
        };

        var joined = Max(centre.EngagedOn ?? centre.CandidateSince ?? world.Start, world.Start).AddDays(_rng.Next(0, 60));
        if (_rng.Chance(0.15))
        {
            joined = joined.AddDays(_rng.Next(90, 900));
        }
        member.ActiveFrom = Min(joined, world.Today);
        if (centre.WithdrawnOn is { } withdrawn)
        {
            member.ActiveTo = Max(withdrawn, member.ActiveFrom);
        }
        else if (_rng.Chance(0.06))
        {
            var left = member.ActiveFrom.AddDays(_rng.Next(180, 900));
            member.ActiveTo = left < world.Today ? left : null;
        }
        return member;
    }

    public List<DemoPartnerRow> Partners()
    {
        var rows = new List<DemoPartnerRow>();
        foreach (var territory in world.Territories)
        {
            rows.AddRange(DemoPlaces.For(territory.Code, territory.Number).Partners.Select(p => Partner(p, territory.Id)));
        }
        rows.AddRange(DemoPlaces.Federation.Select(p => Partner(p, null)));
        return rows;
    }

    private DemoPartnerRow Partner(DemoPartner partner, int? territoryId)
    {
        var (first, last) = NewName();
        var domain = DemoCatalog.Slug(partner.Name);
        return new DemoPartnerRow(new Partner
        {
            Name = partner.Name,
            Kind = partner.Kind,
            TerritoryId = territoryId,
            ContactName = $"{first} {last}",
            ContactEmail = Email(first, last, domain[..Math.Min(domain.Length, 32)].TrimEnd('-')),
            ContactPhone = $"03 {_rng.Next(20, 28)} {_rng.Next(10, 100)} {_rng.Next(10, 100)} {_rng.Next(10, 100)}",
            IsCommitteeMember = partner.IsCommitteeMember,
        }, partner.InTitle);
    }

    private (string First, string Last) NewName()
    {
        while (true)
        {
            var name = (_rng.Pick(DemoCatalog.FirstNames), _rng.Pick(DemoCatalog.LastNames));
            if (_usedNames.Add($"{name.Item1} {name.Item2}"))
            {
                return name;
            }
        }
    }

    private string Email(string first, string last, string domain)
    {
        var local = $"{DemoCatalog.Slug(first)}.{DemoCatalog.Slug(last)}";
        var email = $"{local}@{domain}.demo.csc";
        for (var n = 2; !_usedEmails.Add(email); n++)
        {
            email = $"{local}{n}@{domain}.demo.csc";
        }
        return email;
    }

    /// <summary>An annual gross employment cost in whole tens of euros.</summary>
    private decimal Cost(int min, int max) => _rng.Next(min / 10, max / 10 + 1) * 10m;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
