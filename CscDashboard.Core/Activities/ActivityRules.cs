using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Activities;

/// <summary>The validation rules of an activity, with French messages keyed by field name.</summary>
public static class ActivityRules
{
    public const int MinDuration = 5;
    public const int MaxDuration = 12 * 60;
    public const int MaxCount = 10_000;
    public const int MaxDaysAhead = 7;
    public const int MaxTitleLength = TextLimits.Title;

    // The messages, as constants: the offline entry page checks the same rules on the phone with the same words (ADR 032).
    public const string TitleRequired = "Le titre est obligatoire.";
    public static readonly string TitleTooLong = $"Le titre ne doit pas dépasser {MaxTitleLength} caractères.";
    public const string DateOutsideOperations = "La date doit se situer dans la période d'une opération.";
    public static readonly string DateTooFarAhead = $"La date ne peut pas dépasser de plus de {MaxDaysAhead} jours la date du jour.";
    public const string DurationOutOfRange = "La durée doit être comprise entre 5 minutes et 12 heures.";
    public const string CountOutOfRange = "Le nombre doit être compris entre 0 et 10 000.";
    public const string PublicActionNeedsCentre = "Une action grand public doit être rattachée à au moins un centre.";
    public const string PublicActionNeedsParticipant = "Une action grand public doit compter au moins un participant.";

    public static Dictionary<string, List<string>> Validate(ActivityInput input, IReadOnlyList<OperationPeriod> operations, DateOnly today)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            list.Add(message);
        }

        if (string.IsNullOrWhiteSpace(input.Title))
        {
            Add(nameof(input.Title), TitleRequired);
        }
        else if (input.Title.Trim().Length > MaxTitleLength)
        {
            Add(nameof(input.Title), TitleTooLong);
        }
        else if (TextRules.Problem(input.Title, "Titre", MaxTitleLength) is { } titleProblem)
        {
            Add(nameof(input.Title), titleProblem);
        }
        if (TextRules.Problem(input.Notes, "Notes", TextLimits.ActivityNotes, TextKind.MultiLine) is { } notesProblem)
        {
            Add(nameof(input.Notes), notesProblem);
        }
        if (TextRules.Problem(input.FollowUp, "Suites à donner", TextLimits.ActivityFollowUp, TextKind.MultiLine) is { } followUpProblem)
        {
            Add(nameof(input.FollowUp), followUpProblem);
        }
        if (!operations.Any(o => o.Contains(input.Date)))
        {
            Add(nameof(input.Date), DateOutsideOperations);
        }
        else if (input.Date > today.AddDays(MaxDaysAhead))
        {
            Add(nameof(input.Date), DateTooFarAhead);
        }
        if (input.DurationMinutes is < MinDuration or > MaxDuration)
        {
            Add(nameof(input.DurationMinutes), DurationOutOfRange);
        }
        foreach (var (field, value) in new[]
                 {
                     (nameof(input.InhabitantCount), input.InhabitantCount),
                     (nameof(input.ProfessionalCount), input.ProfessionalCount),
                     (nameof(input.VolunteerCount), input.VolunteerCount),
                     (nameof(input.PartnerCount), input.PartnerCount),
                 })
        {
            if (value is < 0 or > MaxCount)
            {
                Add(field, CountOutOfRange);
            }
        }
        if (input.Type == ActivityType.PublicAction)
        {
            if (input.CentreIds.Count == 0)
            {
                Add(nameof(input.CentreIds), PublicActionNeedsCentre);
            }
            if (input.InhabitantCount + input.ProfessionalCount + input.VolunteerCount + input.PartnerCount == 0)
            {
                Add(nameof(input.InhabitantCount), PublicActionNeedsParticipant);
            }
        }
        if (input.WorkstreamIds.Distinct().Count() > 3)
        {
            Add(nameof(input.WorkstreamIds), "Une activité relève d'au plus trois chantiers.");
        }
        return errors;
    }

    /// <summary>Linked centres, partners, workstreams and the territory must exist.</summary>
    public static async Task CheckLinksAsync(AppDbContext db, ActivityInput input, Dictionary<string, List<string>> errors, CancellationToken ct)
    {
        if (!await db.Territories.AnyAsync(t => t.Id == input.TerritoryId, ct))
        {
            errors[nameof(input.TerritoryId)] = ["Ce territoire n'existe pas."];
        }
        var centreIds = input.CentreIds.Distinct().ToList();
        if (centreIds.Count > 0 && await db.Centres.CountAsync(c => centreIds.Contains(c.Id), ct) != centreIds.Count)
        {
            errors[nameof(input.CentreIds)] = ["Un des centres choisis n'existe pas."];
        }
        var partnerIds = input.PartnerIds.Distinct().ToList();
        if (partnerIds.Count > 0 && await db.Partners.CountAsync(p => partnerIds.Contains(p.Id), ct) != partnerIds.Count)
        {
            errors[nameof(input.PartnerIds)] = ["Un des partenaires choisis n'existe pas."];
        }
        var workstreamIds = input.WorkstreamIds.Distinct().ToList();
        if (workstreamIds.Count > 0 && await db.Workstreams.CountAsync(w => workstreamIds.Contains(w.Id), ct) != workstreamIds.Count)
        {
            errors[nameof(input.WorkstreamIds)] = ["Un des chantiers choisis n'existe pas."];
        }
    }
}
