using System.Security.Claims;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CscDashboard.Web.Auth;

/// <summary>Adds the display name and the coordinator's territories to the sign-in cookie.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    IDbContextFactory<AppDbContext> factory)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaimTypes.DisplayName, user.DisplayName));
        await using var db = await factory.CreateDbContextAsync();
        var territories = await db.CoordinatorTerritories.Where(ct => ct.UserId == user.Id).Select(ct => ct.TerritoryId).ToListAsync();
        foreach (var id in territories)
        {
            identity.AddClaim(new Claim(AppClaimTypes.Territory, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}
