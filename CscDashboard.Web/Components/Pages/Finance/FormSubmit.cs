using CscDashboard.Core.Common;
using CscDashboard.Web.Components.Pages.Network;

namespace CscDashboard.Web.Components.Pages.Finance;

/// <summary>Runs a dialog's save: validation messages go to their fields, refusals become one French message.</summary>
public static class FormSubmit
{
    public static async Task<(string? Problem, bool Saved)> RunAsync(FormErrors errors, Func<Task> save)
    {
        errors.Clear();
        try
        {
            await save();
            return (null, true);
        }
        catch (ValidationFailedException failure)
        {
            errors.Set(failure);
            return (null, false);
        }
        catch (Exception e) when (e is ConcurrencyConflictException or ScopeViolationException or NotFoundException)
        {
            return (e.Message, false);
        }
    }
}
