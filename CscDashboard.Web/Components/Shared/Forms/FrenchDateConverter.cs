using CscDashboard.Core.Common;
using MudBlazor;
using MudBlazor.Utilities.Exceptions;

namespace CscDashboard.Web.Components.Shared.Forms;

/// <summary>
/// Text converter for an editable MudDatePicker: shows dd/MM/yyyy and reads what <see cref="French.TryParseDate"/>
/// reads, whatever the circuit's culture. Refused text keeps the picker's previous date, so the converter remembers
/// its message (<see cref="Problem"/>): the form shows it under the field (its Error and ErrorText) and refuses to save while
/// the typed text is wrong.
/// One instance per field.
/// </summary>
public sealed class FrenchDateConverter : IReversibleConverter<DateTime?, string?>
{
    /// <summary>The message for the text last typed, or null when it was read (or a date was picked).</summary>
    public string? Problem { get; private set; }

    public string? Convert(DateTime? input)
    {
        // The picker writes a date it holds (picked in the calendar, or just read): the field is right again.
        Problem = null;
        return input?.ToString("dd/MM/yyyy", French.Culture);
    }

    public DateTime? ConvertBack(string? input)
    {
        if (French.TryParseDate(input, out var date, out var error))
        {
            Problem = null;
            return date?.ToDateTime(TimeOnly.MinValue);
        }
        Problem = error;
        throw new ConversionException(error!, [], null!);
    }
}
