using CscDashboard.Core.Common;
using MudBlazor;

namespace CscDashboard.Web.Components.Shared.Forms;

/// <summary>
/// Runs a form's save: validation messages go to their fields (<see cref="FormErrors"/>), a refusal of Core (out of scope,
/// gone, changed by someone else) becomes one French message. Every dialog and form saves through it (ADR 029).
/// </summary>
public static class FormSubmit
{
    /// <summary>Clears <paramref name="errors"/>, runs <paramref name="save"/> and says how it ended.</summary>
    public static async Task<FormOutcome> RunAsync(FormErrors errors, Func<Task> save)
    {
        errors.Clear();
        try
        {
            await save();
            return FormOutcome.Done;
        }
        catch (ValidationFailedException failure)
        {
            errors.Set(failure);
            return FormOutcome.Invalid;
        }
        catch (Exception e) when (IsRefusal(e))
        {
            return new FormOutcome(false, e);
        }
    }

    /// <summary>
    /// Runs an action that shows no fields (archive, delete, withdraw, import…): null when it was done, else the French
    /// message of the refusal. A validation failure reads as its messages (<see cref="Messages"/>), or as
    /// <paramref name="describe"/> says (an import names the lines, <see cref="MessagesWithFields"/>).
    /// </summary>
    public static async Task<string?> RefusalAsync(Func<Task> action, Func<ValidationFailedException, string>? describe = null)
    {
        try
        {
            await action();
            return null;
        }
        catch (ValidationFailedException failure)
        {
            return (describe ?? Messages)(failure);
        }
        catch (Exception e) when (IsRefusal(e))
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Runs a list's action (delete, archive…) and says how it ended in a snackbar: <paramref name="done"/>, or the
    /// refusal. True when it was done.
    /// </summary>
    public static async Task<bool> RunActionAsync(ISnackbar snackbar, Func<Task> action, string done)
    {
        var refusal = await RefusalAsync(action);
        snackbar.Add(refusal ?? done, refusal is null ? Severity.Success : Severity.Error);
        return refusal is null;
    }

    /// <summary>A validation failure's messages in one line.</summary>
    public static string Messages(ValidationFailedException failure) => string.Join(" ", failure.Errors.SelectMany(e => e.Value));

    /// <summary>A validation failure's messages in one line, each after its field (an import's line: « Ligne 3 : … »).</summary>
    public static string MessagesWithFields(ValidationFailedException failure) =>
        string.Join(" ", failure.Errors.Select(e => $"{e.Key} : {string.Join(" ", e.Value)}"));

    /// <summary>The exceptions by which Core refuses a write with a message meant for the user.</summary>
    public static bool IsRefusal(Exception e) => e is ConcurrencyConflictException or ScopeViolationException or NotFoundException;
}

/// <summary>How a <see cref="FormSubmit.RunAsync"/> ended: saved, refused by validation (messages in the form's errors), or refused by Core (<see cref="Refusal"/>).</summary>
public readonly struct FormOutcome
{
    public static readonly FormOutcome Done = new(true, null);
    public static readonly FormOutcome Invalid = new(false, null);

    public FormOutcome(bool saved, Exception? refusal)
    {
        Saved = saved;
        Refusal = refusal;
    }

    public bool Saved { get; }

    /// <summary>The exception by which Core refused the save (<see cref="FormSubmit.IsRefusal"/>), if it did.</summary>
    public Exception? Refusal { get; }

    /// <summary>The refusal's French message, shown above the form.</summary>
    public string? Problem => Refusal?.Message;

    public void Deconstruct(out string? problem, out bool saved)
    {
        problem = Problem;
        saved = Saved;
    }
}
