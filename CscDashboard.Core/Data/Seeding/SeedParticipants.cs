using CscDashboard.Core.Activities;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>Participant counts drawn alike by the demo and the national generators.</summary>
internal static class SeedParticipants
{
    /// <summary>
    /// Draws the counts of the network's own work (animation, centre support, workstreams, partnerships,
    /// coordination) and returns true; returns false, drawing nothing, for the other types.
    /// </summary>
    public static bool TrySetNetworkWork(Activity a, Random rng, bool withPartner)
    {
        switch (a.Type)
        {
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
