using CscDashboard.Core.Common;

namespace CscDashboard.Web.Components.Pages.Network;

/// <summary>The French messages of a <see cref="ValidationFailedException"/>, shown next to their fields.</summary>
public sealed class FormErrors
{
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    public bool Any => _errors.Count > 0;
    public void Set(ValidationFailedException failure) => _errors = failure.Errors;
    public void Clear() => _errors = new Dictionary<string, string[]>();
    public bool Has(string field) => _errors.ContainsKey(field);
    public string? Text(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Messages of fields the form does not show (so that none is lost).</summary>
    public IEnumerable<string> Others(params string[] shown) =>
        _errors.Where(e => !shown.Contains(e.Key)).SelectMany(e => e.Value);
}

/// <summary>MudDatePicker works with DateTime?; the domain with DateOnly.</summary>
public static class DateBinding
{
    public static DateTime? ToPicker(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);
    public static DateOnly? FromPicker(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;
    public static string Show(DateOnly? date) => date?.ToString("dd/MM/yyyy", WebCulture.French) ?? "—";
}
