using CscDashboard.Core.Common;

namespace CscDashboard.Web.Components.Shared.Forms;

/// <summary>
/// The French messages of a form, per field (from a <see cref="ValidationFailedException"/> or the form's own checks),
/// shown next to their fields: <c>Error="@_errors.HasError(field)" ErrorText="@_errors.ErrorText(field)"</c>.
/// </summary>
public sealed class FormErrors
{
    private static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();
    private IReadOnlyDictionary<string, string[]> _errors = None;

    public bool Any => _errors.Count > 0;

    /// <summary>The messages per field, as the service or the form's checks gave them.</summary>
    public IReadOnlyDictionary<string, string[]> ByField => _errors;

    public void Set(ValidationFailedException failure) => _errors = failure.Errors;

    public void Set(IReadOnlyDictionary<string, string[]> errors) => _errors = errors;

    public void Clear() => _errors = None;

    public bool HasError(string field) => _errors.ContainsKey(field);

    /// <summary>The field's messages in one line, or null when it has none.</summary>
    public string? ErrorText(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Messages of fields the form does not show (so that none is lost).</summary>
    public IEnumerable<string> MessagesNotShown(params string[] shown) =>
        _errors.Where(e => !shown.Contains(e.Key)).SelectMany(e => e.Value);
}
