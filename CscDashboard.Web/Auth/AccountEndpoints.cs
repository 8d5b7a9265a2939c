using CscDashboard.Core.Users;
using CscDashboard.Web.Components.Pages.Account;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CscDashboard.Web.Auth;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token (a GET link could be triggered by another site).</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async Task<IResult> (SignInManager<AppUser> signIn, IAntiforgery antiforgery, HttpContext context) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.BadRequest("Jeton de sécurité manquant ou invalide : rechargez la page puis réessayez.");
            }
            await signIn.SignOutAsync();
            var back = Login.SafeReturnUrl((await context.Request.ReadFormAsync())["returnUrl"]);
            return TypedResults.LocalRedirect($"/account/login?returnUrl={Uri.EscapeDataString(back)}");
        }).DisableAntiforgery(); // validated explicitly above, to answer 400 instead of throwing
    }
}
