using System.Security.Claims;
using CscDashboard.Core.Common;
using CscDashboard.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CscDashboard.Web.Auth;

/// <summary>What the password step returns when the account's role requires a second factor it has not enrolled yet.</summary>
public sealed class TwoFactorEnrolmentRequired : SignInResult
{
    public TwoFactorEnrolmentRequired() => RequiresTwoFactor = true;
}

/// <summary>
/// Identity's sign-in with deactivated accounts refused (ADR 016), a server-side session per sign-in, ended at
/// sign-out (ADR 018), the same password-hashing work for an unknown address as for a wrong password, and the
/// enrolment step for roles that require a second factor.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    UserSessionService sessions,
    TwoFactorPolicy twoFactor)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>Marks the partial (password-only) cookie of an account sent to the enrolment page.</summary>
    public const string EnrolmentClaim = "csc:two-factor-enrolment";

    private static readonly AppUser Nobody = new() { DisplayName = "" };
    private static string? _dummyHash;

    /// <summary>
    /// An unknown address costs one password hash verification too (against a dummy hash), like a wrong password:
    /// the time of the answer does not tell which addresses have an account.
    /// </summary>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            SpendPasswordCheck(password);
            return SignInResult.Failed;
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        // Identity answers a locked-out account before hashing anything: spend the same work.
        if (UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(user))
        {
            SpendPasswordCheck(password);
        }
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        return result.Succeeded && !user.IsActive ? SignInResult.NotAllowed : result;
    }

    /// <summary>The cookie's account is checked again: a deactivated account's is refused even with a current stamp.</summary>
    public override async Task<bool> ValidateSecurityStampAsync(AppUser? user, string? securityStamp) =>
        user is { IsActive: true } && await base.ValidateSecurityStampAsync(user, securityStamp);

    /// <summary>
    /// After the right password: an account whose role requires a second factor and has none gets only the partial
    /// cookie and goes to the enrolment page; it has no session in the application until it has enrolled.
    /// </summary>
    protected override async Task<SignInResult> SignInOrTwoFactorAsync(AppUser user, bool isPersistent, string? loginProvider = null, bool bypassTwoFactor = false)
    {
        if (!bypassTwoFactor && !user.TwoFactorEnabled && twoFactor.IsRequiredFor(await UserManager.GetRolesAsync(user)))
        {
            var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
            identity.AddClaim(new Claim(ClaimTypes.Name, user.Id));
            identity.AddClaim(new Claim(EnrolmentClaim, "1"));
            await Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
            return new TwoFactorEnrolmentRequired();
        }
        return await base.SignInOrTwoFactorAsync(user, isPersistent, loginProvider, bypassTwoFactor);
    }

    /// <summary>Every sign-in (password, second factor, enrolment) starts a server-side session whose id the cookie carries.</summary>
    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var sessionId = await sessions.StartAsync(user.Id, Context.Request.Headers.UserAgent.ToString(), Context.RequestAborted);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims.Append(new Claim(AppClaimTypes.Session, sessionId)));
    }

    /// <summary>Sign-out ends the session on the server: a copy of the cookie stops working too.</summary>
    public override async Task SignOutAsync()
    {
        if (Context.User.FindFirstValue(AppClaimTypes.Session) is { } sessionId)
        {
            await sessions.EndAsync(sessionId);
        }
        await base.SignOutAsync();
    }

    /// <summary>
    /// A new cookie and session for the signed-in account after it changed its own second factor (which ended every
    /// session of the account, this one included), keeping "Rester connecté" as it was.
    /// </summary>
    public async Task RenewSessionAsync(AppUser user)
    {
        var properties = Context.Features.Get<Microsoft.AspNetCore.Authentication.IAuthenticateResultFeature>()?.AuthenticateResult?.Properties;
        await SignInAsync(user, properties?.IsPersistent ?? false, authenticationMethod: "mfa");
    }

    private void SpendPasswordCheck(string password)
    {
        var hasher = UserManager.PasswordHasher;
        _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
    }
}
