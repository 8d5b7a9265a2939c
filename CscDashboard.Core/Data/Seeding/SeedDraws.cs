using CscDashboard.Core.Activities;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>Random draws made alike by the demo and the national generators.</summary>
internal static class SeedDraws
{
    /// <summary>A duration between <paramref name="range"/>'s bounds, in quarter hours.</summary>
    public static int Minutes(Random rng, (int Min, int Max) range) => range.Min + 15 * rng.Next(0, (range.Max - range.Min) / 15 + 1);

    /// <summary>
    /// Draws the participant counts of a public action or of the network's own work (animation, centre support,
    /// workstreams, partnerships, coordination) and returns true; returns false, drawing nothing, for the other types.
    /// <paramref name="unplannedPartners"/>: a public action without a planned partner may still count one.
    /// </summary>
    public static bool TrySetParticipants(Activity a, Random rng, bool withPartner, bool unplannedPartners)
    {
        switch (a.Type)
        {
            case ActivityType.PublicAction:
                a.InhabitantCount = a.Format == ActivityFormat.Event ? rng.Next(15, 81) : rng.Next(3, 19);
                (a.ProfessionalCount, a.VolunteerCount, a.PartnerCount) =
                    (rng.Next(1, 4), rng.Next(0, 5), withPartner ? rng.Next(1, 3) : unplannedPartners ? rng.Next(0, 2) : 0);
                return true;
            case ActivityType.NetworkAnimation:
                (a.ProfessionalCount, a.VolunteerCount, a.PartnerCount) = (rng.Next(4, 19), rng.Next(0, 7), withPartner ? 1 : 0);
                return true;
            case ActivityType.CentreSupport:
                (a.ProfessionalCount, a.VolunteerCount) = (rng.Next(1, 5), rng.Next(0, 3));
                return true;
            case ActivityType.Workstream:
                (a.ProfessionalCount, a.PartnerCount) = (rng.Next(3, 13), withPartner ? rng.Next(1, 4) : 0);
                return true;
            case ActivityType.Partnership:
                (a.ProfessionalCount, a.PartnerCount) = (rng.Next(0, 4), rng.Next(1, 7));
                return true;
            case ActivityType.Coordination:
                a.ProfessionalCount = rng.Next(1, 9);
                return true;
            default:
                return false;
        }
    }
}
