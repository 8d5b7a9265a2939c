using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using CscDashboard.Core.Auditing;
using CscDashboard.Core.Common;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace CscDashboard.Core.Data;

/// <summary>
/// Stamps created/updated columns and the concurrency token, and writes one <see cref="AuditEntry"/>
/// per inserted, updated or deleted row. Audit rows are written after the save (so that generated
/// keys are known) inside the same transaction: either both land or neither does.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock, ICurrentUserAccessor users) : SaveChangesInterceptor
{
    private static readonly string[] SecretProperties = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "SecretHash"];
    // A report's frozen data (megabytes of JSON) stays on its snapshot; the log records its size.
    private static readonly string[] LargeProperties = ["DataJson"];

    // Enums as names: the log is read by people (auditors), years later.
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private sealed class PendingSave
    {
        public required List<(EntityEntry Entry, string Action, Dictionary<string, object?> Changes)> Rows { get; init; }
        public IDbContextTransaction? OwnTransaction { get; set; }
        public bool WritingAudit { get; set; }
    }

    // One interceptor may serve several contexts (same options): keep per-context state.
    private readonly ConditionalWeakTable<DbContext, PendingSave> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Prepare(context) is { } pending && context.Database.CurrentTransaction is null)
        {
            pending.OwnTransaction = context.Database.BeginTransaction();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Prepare(context) is { } pending && context.Database.CurrentTransaction is null)
        {
            pending.OwnTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending) && !pending.WritingAudit)
        {
            try
            {
                AddAuditRows(context, pending);
                pending.WritingAudit = true;
                context.SaveChanges();
                pending.OwnTransaction?.Commit();
            }
            finally
            {
                End(context, pending);
            }
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending) && !pending.WritingAudit)
        {
            try
            {
                AddAuditRows(context, pending);
                pending.WritingAudit = true;
                await context.SaveChangesAsync(cancellationToken);
                if (pending.OwnTransaction is not null)
                {
                    await pending.OwnTransaction.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                End(context, pending);
            }
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abort(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abort(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Stamps the changed entities and records what to audit; null when there is nothing to audit.</summary>
    private PendingSave? Prepare(DbContext context)
    {
        if (_pending.TryGetValue(context, out var current) && current.WritingAudit)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = users.Current;
        var rows = new List<(EntityEntry, string, Dictionary<string, object?>)>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            // Data-protection keys (PostgreSQL) are secrets written by the framework, not business data.
            if (entry.Entity is AuditEntry or INotAudited or DataProtectionKey || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            if (entry.Entity is IDerivesValues derived && entry.State is EntityState.Added or EntityState.Modified)
            {
                derived.RefreshDerivedValues();
                entry.DetectChanges();
            }
            if (entry.Entity is AuditableEntity auditable)
            {
                Stamp(entry, auditable, now, user.DisplayName);
            }
            switch (entry.State)
            {
                case EntityState.Added:
                    rows.Add((entry, "Insert", []));
                    break;
                case EntityState.Modified:
                    var changes = ModifiedValues(entry);
                    if (changes.Count > 0)
                    {
                        rows.Add((entry, "Update", changes));
                    }
                    break;
                case EntityState.Deleted:
                    rows.Add((entry, "Delete", Values(entry, original: true)));
                    break;
            }
        }
        if (rows.Count == 0)
        {
            return null;
        }
        var pending = new PendingSave { Rows = rows };
        _pending.AddOrUpdate(context, pending);
        return pending;
    }

    private static void Stamp(EntityEntry entry, AuditableEntity entity, DateTime now, string userName)
    {
        if (entry.State == EntityState.Added)
        {
            entity.CreatedAt = now;
            entity.CreatedBy = userName;
            entity.Version = 1;
        }
        else if (entry.State == EntityState.Modified)
        {
            entity.UpdatedAt = now;
            entity.UpdatedBy = userName;
            // The original value stays as the concurrency check; the new one is what the next editor must hold.
            entity.Version = (long)entry.Property(nameof(AuditableEntity.Version)).OriginalValue! + 1;
        }
    }

    private void AddAuditRows(DbContext context, PendingSave pending)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = users.Current;
        foreach (var (entry, action, changes) in pending.Rows)
        {
            var values = action == "Insert" ? Values(entry, original: false) : changes;
            context.Set<AuditEntry>().Add(new AuditEntry
            {
                At = now,
                UserId = user.UserId,
                UserName = user.DisplayName,
                Entity = entry.Metadata.ClrType.Name,
                EntityKey = KeyOf(entry),
                Action = action,
                Changes = JsonSerializer.Serialize(values, Json),
            });
        }
    }

    private void End(DbContext context, PendingSave pending)
    {
        pending.OwnTransaction?.Dispose();
        _pending.Remove(context);
    }

    private void Abort(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            if (pending.OwnTransaction is not null)
            {
                pending.OwnTransaction.Rollback();
            }
            End(context, pending);
        }
    }

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join("|", key.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()));
    }

    private static Dictionary<string, object?> Values(EntityEntry entry, bool original)
    {
        var values = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            values[property.Metadata.Name] = Mask(SecretName(entry, property.Metadata.Name), original ? property.OriginalValue : property.CurrentValue);
        }
        return values;
    }

    private static Dictionary<string, object?> ModifiedValues(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var property in entry.Properties.Where(p => p.IsModified))
        {
            var name = property.Metadata.Name;
            if (name is nameof(AuditableEntity.UpdatedAt) or nameof(AuditableEntity.UpdatedBy) or nameof(AuditableEntity.Version)
                || Equals(property.OriginalValue, property.CurrentValue))
            {
                continue;
            }
            var masked = SecretName(entry, name);
            changes[name] = new[] { Mask(masked, property.OriginalValue), Mask(masked, property.CurrentValue) };
        }
        return changes;
    }

    /// <summary>An Identity token's value is a secret (authenticator key, recovery codes): masked like a password hash.</summary>
    private static string SecretName(EntityEntry entry, string propertyName) =>
        entry.Entity is IdentityUserToken<string> && propertyName == nameof(IdentityUserToken<string>.Value) ? SecretProperties[0] : propertyName;

    private static object? Mask(string propertyName, object? value) => value switch
    {
        null => null,
        _ when SecretProperties.Contains(propertyName) => "***",
        string text when LargeProperties.Contains(propertyName) => $"({text.Length} caractères)",
        _ => value,
    };
}
