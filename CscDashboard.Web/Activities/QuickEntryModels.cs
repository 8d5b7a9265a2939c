using System.Globalization;
using CscDashboard.Core.Activities;

namespace CscDashboard.Web.Activities;

/// <summary>
/// One entry of the phone's queue as the offline page sends it (ADR 032). Dates and the type, format and place travel as
/// text, so that one unreadable value refuses that entry with a French reason instead of the whole batch.
/// </summary>
public sealed record QuickEntryPayload
{
    public string? Key { get; init; }
    public string? Date { get; init; }
    public int TerritoryId { get; init; }
    public string? Type { get; init; }
    public string? Format { get; init; }
    public string? Place { get; init; }
    public string? Title { get; init; }
    public int DurationMinutes { get; init; }
    public int InhabitantCount { get; init; }
    public int ProfessionalCount { get; init; }
    public int VolunteerCount { get; init; }
    public int PartnerCount { get; init; }
    public IReadOnlyList<int>? CentreIds { get; init; }
    public string? Notes { get; init; }

    /// <summary>The Core input, or the French messages (per field, as Core names them) of the values that could not be read.</summary>
    public (Guid Key, ActivityInput? Input, Dictionary<string, string[]> Errors) Read()
    {
        var errors = new Dictionary<string, string[]>();
        if (!Guid.TryParse(Key, out var key) || key == Guid.Empty)
        {
            errors["IdempotencyKey"] = [ActivityService.MissingKeyMessage];
        }
        if (!DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[nameof(ActivityInput.Date)] = ["La date est illisible : choisissez-la de nouveau."];
        }
        var type = Parse<ActivityType>(Type, nameof(ActivityInput.Type), "Type d'activité inconnu : choisissez-le de nouveau.", errors);
        var format = Parse<ActivityFormat>(Format, nameof(ActivityInput.Format), "Format inconnu : choisissez-le de nouveau.", errors);
        var place = Parse<ActivityPlace>(Place, nameof(ActivityInput.Place), "Lieu inconnu : choisissez-le de nouveau.", errors);
        if (errors.Count > 0)
        {
            return (key, null, errors);
        }
        return (key, new ActivityInput
        {
            Date = date, TerritoryId = TerritoryId, Type = type, Format = format, Place = place, Title = Title ?? "",
            DurationMinutes = DurationMinutes, InhabitantCount = InhabitantCount, ProfessionalCount = ProfessionalCount,
            VolunteerCount = VolunteerCount, PartnerCount = PartnerCount, CentreIds = CentreIds ?? [], Notes = Notes,
        }, errors);
    }

    private static T Parse<T>(string? text, string field, string message, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }
        errors[field] = [message];
        return default;
    }
}

/// <summary>What the phone sends: up to <see cref="QuickEntryEndpoints.MaxEntries"/> entries.</summary>
public sealed record QuickSyncRequest(IReadOnlyList<QuickEntryPayload>? Entries);

/// <summary>
/// The answer for one entry, by its key: <c>created</c> (this sync created it), <c>duplicate</c> (an earlier sync had: it
/// is there once) or <c>refused</c> with the French <see cref="Reason"/> and the messages per field.
/// </summary>
public sealed record QuickEntryResult(string Key, string Status, int? ActivityId, string? Reason, IReadOnlyDictionary<string, string[]>? Errors)
{
    public const string Created = "created";
    public const string Duplicate = "duplicate";
    public const string Refused = "refused";
}

/// <summary>What the offline page keeps on the phone for the signed-in user (ADR 032), and the antiforgery token of the next sync.</summary>
public sealed record QuickEntryContext(
    QuickEntryUser User,
    string Today,
    IReadOnlyList<QuickEntryTerritory> Territories,
    int? TerritoryId,
    string Type,
    string Format,
    string Place,
    IReadOnlyList<QuickEntryOperation> Operations,
    IReadOnlyList<QuickEntryCentre> Centres,
    string Token);

public sealed record QuickEntryUser(string Id, string Name);

public sealed record QuickEntryTerritory(int Id, string Name);

public sealed record QuickEntryOperation(string Start, string End);

public sealed record QuickEntryCentre(int Id, string Name, int TerritoryId);
