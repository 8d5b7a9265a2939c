using System.Net.Http.Headers;
using CscDashboard.Core.Common;
using CscDashboard.Core.OpenData;
using CscDashboard.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Infrastructure;

/// <summary>Accounts acting in a service scope, and their personal access tokens to the API (ADR 026).</summary>
public sealed partial class CscWebFactory
{
    /// <summary>The caller an account signs in as: its role and territories as stored.</summary>
    public async Task<CurrentUser> AccountAsync(string userId)
    {
        await using var db = await CreateDbAsync();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync();
        var territories = await db.CoordinatorTerritories.Where(t => t.UserId == userId).Select(t => t.TerritoryId).ToListAsync();
        return new CurrentUser(userId, user.DisplayName, roles.ToHashSet(), territories.ToHashSet());
    }

    /// <summary>Runs <paramref name="action"/> in a service scope whose caller is the account <paramref name="userId"/>.</summary>
    public async Task<T> AsAccountAsync<T>(string userId, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().SetSystemUser(await AccountAsync(userId));
        return await action(scope.ServiceProvider);
    }

    /// <summary>A token of the account, created as the account would on its page.</summary>
    public Task<IssuedToken> CreateTokenAsync(string userId, AccessTokenInput? input = null) =>
        AsAccountAsync(userId, s => s.GetRequiredService<AccessTokenService>().CreateAsync(input ?? new AccessTokenInput { Name = "Tests" }));

    /// <summary>Sends <paramref name="secret"/> as the bearer token of every request of <paramref name="client"/>.</summary>
    public static HttpClient WithToken(HttpClient client, string secret)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
