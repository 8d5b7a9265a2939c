using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CscDashboard.Core.Data.Postgres;

/// <summary>
/// PostgreSQL text cannot hold the NUL character (U+0000), which SQLite stores without a word; a pasted
/// or imported value carrying one would fail the whole save. NUL never means anything in this app's
/// text, so it is dropped from every string written through EF (the bulk writer does the same).
/// </summary>
public sealed class NulCharacterInterceptor : SaveChangesInterceptor
{
    public static readonly NulCharacterInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Strip(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Strip(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public static string? Strip(string? text) => text is not null && text.Contains('\0') ? text.Replace("\0", "", StringComparison.Ordinal) : text;

    private static void Strip(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string text && text.Contains('\0'))
                {
                    property.CurrentValue = Strip(text);
                }
            }
        }
    }
}
