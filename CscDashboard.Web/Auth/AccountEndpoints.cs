using CscDashboard.Core.Users;
using CscDashboard.Web.Components.Pages.Account;
using Microsoft.AspNetCore.Identity;

namespace CscDashboard.Web.Auth;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token (a GET link could be triggered by another site).</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn, HttpContext context) =>
        {
            await signIn.SignOutAsync();
            var form = await context.Request.ReadFormAsync();
            var back = Login.SafeReturnUrl(form["returnUrl"]);
            return TypedResults.LocalRedirect($"/account/login?returnUrl={Uri.EscapeDataString(back)}");
        });
    }
}
