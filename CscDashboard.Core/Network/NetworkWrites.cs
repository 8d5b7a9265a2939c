using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Network;

/// <summary>A network entity (centre, member, partner) that is archived rather than deleted.</summary>
public interface IArchivable
{
    DateTime? ArchivedAt { get; set; }
}

/// <summary>The steps the writes of the network directory (centres, members, partners) share.</summary>
internal static class NetworkWrites
{
    /// <summary>The territory a form chose must be one the caller writes in; 0 (none chosen yet) is left to the validation.</summary>
    public static void EnsureCanWriteChosenTerritory(CurrentUser user, int territoryId)
    {
        if (territoryId > 0)
        {
            user.EnsureCanWriteTerritory(territoryId);
        }
    }

    /// <summary>Adds the French message on <c>TerritoryId</c> when the chosen territory (0: none) does not exist.</summary>
    public static async Task AddIfTerritoryMissingAsync(AppDbContext db, FieldErrors errors, int territoryId, CancellationToken ct)
    {
        if (territoryId > 0 && !await db.Territories.AnyAsync(t => t.Id == territoryId, ct))
        {
            errors.Add("TerritoryId", "Ce territoire n'existe pas.");
        }
    }

    /// <summary>
    /// Archives or restores one entity. The caller must write somewhere, then <paramref name="ensureCanWrite"/> checks
    /// the entity's own scope (its territory, or the federation). Asking for the state it already has changes nothing.
    /// </summary>
    public static async Task SetArchivedAsync<T>(IDbContextFactory<AppDbContext> factory, CurrentUser user, TimeProvider clock,
        int id, bool archived, string notFoundMessage, Action<CurrentUser, T> ensureCanWrite, CancellationToken ct)
        where T : AuditableEntity, IArchivable
    {
        NetworkAccess.EnsureCanWriteSomewhere(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = await db.Set<T>().SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException(notFoundMessage);
        ensureCanWrite(user, entity);
        if ((entity.ArchivedAt is not null) == archived)
        {
            return;
        }
        entity.ArchivedAt = archived ? clock.GetUtcNow().UtcDateTime : null;
        await db.SaveOrConflictAsync(ct);
    }
}
