using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Data;

/// <summary>A context whose connection is opened once, for a read that runs many queries.</summary>
internal static class OpenedContext
{
    /// <summary>
    /// One connection for the dozen or two queries of a dashboard, not a pooled open and close around each.
    /// The context is disposed if the connection cannot be opened.
    /// </summary>
    public static async Task<AppDbContext> CreateOpenedDbContextAsync(this IDbContextFactory<AppDbContext> factory, CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
