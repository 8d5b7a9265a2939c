using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Common;

/// <summary>Saving an edit made on a loaded version (optimistic concurrency on the <c>Version</c> column).</summary>
public static class SaveOrConflict
{
    public const string ConflictMessage =
        "Cette fiche a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte. " +
        "Fermez le formulaire et rouvrez-le pour voir la version à jour : vos changements n'ont pas été enregistrés.";

    /// <summary>Saves; someone else's save in between is refused with the French conflict message, nothing is overwritten.</summary>
    public static async Task SaveOrConflictAsync(this DbContext db, CancellationToken ct = default)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }
    }
}
