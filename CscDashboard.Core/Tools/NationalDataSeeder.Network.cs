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

/// <summary>The national network: centres with their status, members and partners.</summary>
public sealed partial class NationalDataSeeder
{
    private sealed record CentreRow(SocialCentre Centre)
    {
        public NationalCentre View() => new(Centre.Id, $"centre social {Centre.Name["Centre social ".Length..]} ({Centre.Commune})",
            Centre.EngagedOn ?? Centre.CandidateSince ?? FirstDay, Centre.WithdrawnOn);
    }

    /// <summary>Centres spread evenly over the territories; the first of each is the coordinator's host centre, in the prefecture.</summary>
    private static List<CentreRow> BuildCentres(NationalScale scale, NationalDepartement[] departements, List<Territory> territories, Random rng)
    {
        var rows = new List<CentreRow>(scale.Centres);
        for (var t = 0; t < territories.Count; t++)
        {
            var d = departements[t];
            var count = scale.Centres / territories.Count + (t < scale.Centres % territories.Count ? 1 : 0);
            var names = DemoCatalog.CentreNames.OrderBy(_ => rng.Next()).ToArray();
            for (var rank = 0; rank < count; rank++)
            {
                var inPrefecture = rank % 4 == 0;
                var centre = new SocialCentre
                {
                    Name = "Centre social " + names[rank % names.Length] + (rank >= names.Length ? $" {rank / names.Length + 1}" : ""),
                    Commune = inPrefecture ? d.Prefecture : rng.Pick(NationalCatalog.Communes),
                    Postcode = inPrefecture ? d.Postcode : (d.PostcodePrefix + rng.Next(100, 1000).ToString(CultureInfo.InvariantCulture))[..5],
                    Address = $"{rng.Next(1, 181)} {rng.Pick(DemoCatalog.Streets)}",
                    TerritoryId = territories[t].Id,
                    IsHostCentre = rank == 0,
                };
                SetStatus(centre, rank, rng);
                rows.Add(new CentreRow(centre));
            }
        }
        return rows;
    }

    /// <summary>Most centres engage during the first operation; a few stay candidates or withdraw.</summary>
    private static void SetStatus(SocialCentre centre, int rank, Random rng)
    {
        var roll = rng.NextDouble();
        centre.CandidateSince = new DateOnly(2021, 4, 1).AddDays(rng.Next(0, 150));
        if (rank > 0 && roll < 0.04)
        {
            centre.Status = CentreStatus.Candidate;
            centre.CandidateSince = new DateOnly(2022, 1, 10).AddDays(rng.Next(0, 900));
            return;
        }
        centre.Status = CentreStatus.Engaged;
        centre.EngagedOn = rank == 0 ? FirstDay : new DateOnly(2021, 9, 15).AddDays(rng.Next(0, 650));
        if (rank > 0 && roll > 0.96)
        {
            centre.Status = CentreStatus.Withdrawn;
            centre.WithdrawnOn = centre.EngagedOn.Value.AddDays(rng.Next(200, 800));
        }
    }

    /// <summary>The coordinators (linked to their accounts, at their host centre), then the centres' staff and volunteers.</summary>
    private static List<NetworkMember> BuildMembers(NationalScale scale, List<Territory> territories, List<(Users.AppUser User, string First, string Last)> coordinators,
        List<CentreRow> centres, Random rng)
    {
        var members = new List<NetworkMember>(scale.Members);
        for (var t = 0; t < territories.Count; t++)
        {
            var host = centres.First(c => c.Centre.TerritoryId == territories[t].Id && c.Centre.IsHostCentre).Centre;
            var (user, first, last) = coordinators[t];
            members.Add(new NetworkMember
            {
                FirstName = first, LastName = last, Email = user.Email, Phone = DemoCatalog.Phone(rng), Role = MemberRole.Coordinator,
                TerritoryId = host.TerritoryId, CentreId = host.Id, Assignment = Assignment.FullTime,
                AnnualGrossCost = rng.Next(4_200, 4_701) * 10m, ActiveFrom = FirstDay, UserId = user.Id,
            });
        }
        var others = scale.Members - territories.Count;
        for (var c = 0; c < centres.Count; c++)
        {
            var centre = centres[c].Centre;
            var count = others / centres.Count + (c < others % centres.Count ? 1 : 0);
            var domain = DemoCatalog.Slug(centre.Commune);
            for (var rank = 0; rank < count; rank++)
            {
                var role = centre.Status == CentreStatus.Candidate ? MemberRole.OtherProfessional
                    : rank == 0 ? MemberRole.Ctn
                    : rng.NextDouble() switch { < 0.3 => MemberRole.Mediator, < 0.8 => MemberRole.Volunteer, _ => MemberRole.OtherProfessional };
                var (first, last) = (rng.Pick(DemoCatalog.FirstNames), rng.Pick(DemoCatalog.LastNames));
                var member = new NetworkMember
                {
                    FirstName = first,
                    LastName = last,
                    Email = role == MemberRole.Volunteer && rng.Chance(0.4) ? null
                        : $"{DemoCatalog.Slug(first)}.{DemoCatalog.Slug(last)}.{members.Count + 1}@{domain}.{Domain}",
                    Phone = rng.Chance(0.7) ? DemoCatalog.Phone(rng) : null,
                    Role = role,
                    TerritoryId = centre.TerritoryId,
                    CentreId = centre.Id,
                };
                (member.Assignment, member.AssignmentPercent, member.AnnualGrossCost) = role switch
                {
                    MemberRole.Ctn => (Assignment.FullTime, (decimal?)null, (decimal?)(rng.Next(3_400, 4_501) * 10m)),
                    MemberRole.Mediator => (Assignment.FixedPercent, rng.Pick([20m, 25m, 30m, 50m]), rng.Next(3_200, 4_001) * 10m),
                    MemberRole.OtherProfessional => (Assignment.Variable, null, rng.Next(3_500, 4_601) * 10m),
                    _ => (Assignment.None, null, null),
                };
                member.ActiveFrom = Max(centre.EngagedOn ?? centre.CandidateSince ?? FirstDay, FirstDay).AddDays(rng.Next(0, rng.Chance(0.15) ? 700 : 60));
                if (centre.WithdrawnOn is { } withdrawn)
                {
                    member.ActiveTo = Max(withdrawn, member.ActiveFrom);
                }
                else if (rng.Chance(0.06))
                {
                    member.ActiveTo = member.ActiveFrom.AddDays(rng.Next(180, 900));
                }
                members.Add(member);
            }
        }
        return members;
    }

    private static DemoPartnerRow Partner(string name, PartnerKind kind, bool committee, string inTitle, int? territoryId, Random rng)
    {
        var (first, last) = (rng.Pick(DemoCatalog.FirstNames), rng.Pick(DemoCatalog.LastNames));
        var domain = DemoCatalog.Slug(name);
        return new DemoPartnerRow(new Partner
        {
            Name = name,
            Kind = kind,
            TerritoryId = territoryId,
            ContactName = $"{first} {last}",
            ContactEmail = $"{DemoCatalog.Slug(first)}.{DemoCatalog.Slug(last)}@{domain[..Math.Min(domain.Length, 32)].TrimEnd('-')}.{Domain}",
            ContactPhone = $"0{rng.Next(1, 6)} {rng.Next(10, 100)} {rng.Next(10, 100)} {rng.Next(10, 100)} {rng.Next(10, 100)}",
            IsCommitteeMember = committee,
        }, inTitle);
    }
}
