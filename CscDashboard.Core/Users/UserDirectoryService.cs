using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Users;

public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Territories, bool LockedOut);

/// <summary>The list of accounts, for the administrator.</summary>
public sealed class UserDirectoryService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        if (!users.Current.IsAdmin)
        {
            throw new ScopeViolationException("La gestion des comptes est réservée à l'administrateur.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd })
            .ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var territories = await db.CoordinatorTerritories.AsNoTracking()
            .OrderBy(ct => ct.Territory!.Number)
            .Select(ct => new { ct.UserId, ct.Territory!.Name })
            .ToListAsync(ct);
        return accounts.Select(u => new UserRow(
            u.Id,
            u.Email ?? "",
            u.DisplayName,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToList(),
            territories.Where(t => t.UserId == u.Id).Select(t => t.Name).ToList(),
            u.LockoutEnd is { } end && end > now)).ToList();
    }
}
