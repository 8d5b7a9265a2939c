using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using CscDashboard.Core.Common;
using CscDashboard.Core.OpenData;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CscDashboard.Web.Api;

/// <summary>
/// The API's authentication scheme (ADR 026): <c>Authorization: Bearer csc_…</c>, nothing else — no cookie, so no
/// cross-site request can act with a signed-in browser's rights, and no antiforgery token is needed. A good token becomes
/// a principal with the claims the cookie's would carry (account, display name, the token's role and territories), so
/// <see cref="Auth.CurrentUserAccessor"/> and the Core services read it as they read any caller. Refusals are French
/// problem details: 401 without a token or with a bad, expired or revoked one, 403 outside the token's role.
/// </summary>
public sealed class AccessTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokenAuthenticator authenticator) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Missing = "Authentification requise : envoyez un jeton d'accès personnel dans l'en-tête « Authorization: Bearer JETON » "
        + "(jetons : /account/tokens). Les cookies de connexion ne sont pas acceptés par l'API.";

    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("L'API n'accepte qu'un jeton d'accès : « Authorization: Bearer JETON ».");
        }
        var check = await authenticator.AuthenticateAsync(header[BearerPrefix.Length..].Trim(),
            $"{Request.Method} {Request.Path}{Request.QueryString}", Context.RequestAborted);
        if (check.Caller is not { } caller)
        {
            Logger.LogWarning("API token refused on {Path}: {Reason}", Request.Path, check.Refusal);
            return AuthenticateResult.Fail(check.Refusal ?? AccessTokenAuthenticator.Unknown);
        }
        var identity = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, caller.UserId));
        identity.AddClaim(new Claim(ClaimTypes.Name, caller.DisplayName));
        identity.AddClaim(new Claim(AppClaimTypes.DisplayName, caller.DisplayName));
        identity.AddClaim(new Claim(ClaimTypes.Role, caller.Role));
        identity.AddClaim(new Claim(ApiAuth.TokenClaim, caller.TokenId.ToString(CultureInfo.InvariantCulture)));
        foreach (var territory in caller.TerritoryIds)
        {
            identity.AddClaim(new Claim(AppClaimTypes.Territory, territory.ToString(CultureInfo.InvariantCulture)));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = result.Failure is null
            ? "Bearer realm=\"CscDashboard\""
            : "Bearer realm=\"CscDashboard\", error=\"invalid_token\"";
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, result.Failure?.Message ?? Missing);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden,
            "Ce jeton ne donne pas accès à cette ressource : elle est réservée à d'autres rôles (voir /api/docs).");
}
