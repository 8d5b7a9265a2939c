using CscDashboard.Core.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Utilities.Exceptions;

namespace CscDashboard.Web.Components.Shared.Forms;

/// <summary>
/// Text converter for an editable MudDatePicker: shows dd/MM/yyyy and reads what <see cref="French.TryParseDate"/>
/// reads, whatever the circuit's culture. Refused text keeps the picker's previous date, so the converter remembers
/// its message (<see cref="Problem"/>): the form shows it under the field (its Error and ErrorText) and refuses to save while
/// the typed text is wrong. The picker's TextChanged is <c>TextChanged="_converter.AfterTyping(StateHasChanged)"</c>, so
/// that the form shows the message of every typed text (<see cref="AfterTyping"/>).
/// One instance per field.
/// </summary>
public sealed class FrenchDateConverter : IReversibleConverter<DateTime?, string?>
{
    // True when the converter last read a typed text, false when it last wrote the picker's own date.
    private bool _typed;

    /// <summary>The message for the text last typed, or null when it was read (or a date was picked).</summary>
    public string? Problem { get; private set; }

    public string? Convert(DateTime? input)
    {
        // The picker writes a date it holds (picked in the calendar, or just read): the field is right again.
        _typed = false;
        Problem = null;
        return input?.ToString("dd/MM/yyyy", French.Culture);
    }

    public DateTime? ConvertBack(string? input)
    {
        _typed = true;
        if (French.TryParseDate(input, out var date, out var error))
        {
            Problem = null;
            return date?.ToDateTime(TimeOnly.MinValue);
        }
        Problem = error;
        throw new ConversionException(error!, [], null!);
    }

    /// <summary>
    /// The picker's TextChanged: renders the form (<paramref name="render"/>, its StateHasChanged) once a typed text has
    /// been taken, read or not, so that <see cref="Problem"/> shows under the field as soon as it is typed, or goes.
    /// DateChanged is not enough: MudDatePicker ignores a date equal to the one it holds when it comes less than 100 ms
    /// after the last date it was given, and the form gives it its date at every render; an unreadable text in a field
    /// without a date (no date again), typed on a busy server right after another field made the form render, turned the
    /// field red with no message under it.
    /// Not when the picker writes a date of its own (picked in the calendar, or given by the form): it raises TextChanged
    /// before DateChanged then, and a render at that point would give it back the form's previous date. The callback has
    /// no receiver, so that Blazor does not render the form after every TextChanged on its own.
    /// </summary>
    public EventCallback<string?> AfterTyping(Action render) => new(null, (Action<string?>)(_ =>
    {
        if (_typed)
        {
            render();
        }
    }));
}
