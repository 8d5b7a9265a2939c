using System.Globalization;
using CscDashboard.Core.Common;

namespace CscDashboard.Web.Components.Pages.Activities;

/// <summary>
/// The date <c>/activities/new?date=yyyy-MM-dd</c> proposes ("+" on a day of "Ma semaine"). A date that does not
/// parse falls back to today with a French notice; whether the date is allowed (operation period, at most 7 days
/// ahead) is checked by the form and Core on save, with their usual message under the field.
/// </summary>
public static class EntryDate
{
    public static (DateOnly Date, string? Notice) Resolve(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (today, null);
        }
        return DateBounds.TryParseDay(text, out var date, out var error)
            ? (date, null)
            : (today, $"Date invalide : {error} La date du jour est proposée.");
    }

    public static string Url(DateOnly date) => $"/activities/new?date={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
