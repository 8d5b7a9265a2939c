using CscDashboard.Core.Common;
using CscDashboard.Core.Operations;

namespace CscDashboard.Core.Closing;

/// <summary>The month close's shared rules and French words (ADR 027).</summary>
public static class MonthClosing
{
    public const string CommentField = "Comment";

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>A month can be closed once it is over and when an operation covers it.</summary>
    public static bool IsClosable(DateOnly month, DateOnly today, IReadOnlyList<OperationPeriod> operations) =>
        month < MonthOf(today) && operations.Any(o => o.StartDate <= month.AddMonths(1).AddDays(-1) && o.EndDate >= month);

    /// <summary>The grid's word: « ouvert », « soumis », « approuvé », « rouvert ».</summary>
    public static string Label(MonthCloseStatus status) => status switch
    {
        MonthCloseStatus.Open => "ouvert",
        MonthCloseStatus.Submitted => "soumis",
        MonthCloseStatus.Approved => "approuvé",
        MonthCloseStatus.Reopened => "rouvert",
        _ => status.ToString(),
    };

    public static string Label(MonthCloseAction action) => action switch
    {
        MonthCloseAction.Submitted => "Soumis",
        MonthCloseAction.Approved => "Approuvé",
        MonthCloseAction.Returned => "Renvoyé à la coordination",
        MonthCloseAction.Reopened => "Rouvert",
        _ => action.ToString(),
    };

    /// <summary>« Février 2023 ».</summary>
    public static string MonthName(DateOnly month) => French.Capitalize(French.MonthYear(month));

    /// <summary>The month page of a territory: <c>/closing/ART/2023-02</c>.</summary>
    public static string Url(string territoryCode, DateOnly month) => $"/closing/{territoryCode}/{month:yyyy-MM}";

    /// <summary>
    /// A comment or reason as stored (trimmed, null when blank); refused with a French message when it is required and
    /// blank (<paramref name="missing"/>), too long or holds a control character (<paramref name="label"/> names it).
    /// </summary>
    internal static string? Clean(string? text, string label, string? missing)
    {
        var value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var errors = new Network.FieldErrors();
        if (value is null && missing is not null)
        {
            errors.Add(CommentField, missing);
        }
        if (TextRules.Problem(value, label, TextLimits.Reason, TextKind.MultiLine) is { } problem)
        {
            errors.Add(CommentField, problem);
        }
        errors.ThrowIfAny();
        return value;
    }
}
