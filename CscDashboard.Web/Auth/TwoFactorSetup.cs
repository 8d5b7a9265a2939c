using System.Text;
using CscDashboard.Core.Users;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace CscDashboard.Web.Auth;

/// <summary>
/// Enrolling, regenerating recovery codes and turning off the second factor (TOTP with an authenticator app), for
/// the enrolment page after the password step and for the account page (ADR 018). Identity's UserManager does the
/// work; every change is audited (secrets masked) and a change of the factor ends every session of the account.
/// </summary>
public sealed class TwoFactorSetup(UserManager<AppUser> users, UserSessionService sessions)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "Centres Sociaux Connectés";
    public const string WrongCodeMessage = "Code de vérification incorrect : saisissez les 6 chiffres affichés maintenant par votre application.";

    /// <summary>
    /// A new authenticator key for an account that has no second factor yet, drawn each time the enrolment is shown
    /// (a key seen by someone else before is never the one enrolled). It does not change the security stamp.
    /// </summary>
    public async Task<string> NewKeyAsync(AppUser user)
    {
        if (user.TwoFactorEnabled)
        {
            throw new InvalidOperationException("La double authentification est déjà activée pour ce compte.");
        }
        await users.SetAuthenticationTokenAsync(user, AccountEditService.IdentityTokenProvider, "AuthenticatorKey", users.GenerateNewAuthenticatorKey());
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    public Task<string?> KeyAsync(AppUser user) => users.GetAuthenticatorKeyAsync(user);

    /// <summary>
    /// Checks the first code against the key shown; when right, turns the second factor on, draws the recovery codes
    /// (returned once) and ends every session of the account (the caller signs this one in again). Null when wrong.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(AppUser user, string code)
    {
        if (user.TwoFactorEnabled || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, Normalize(code)))
        {
            return null;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await sessions.EndAllAsync(user.Id, newStamp: false);
        return codes;
    }

    /// <summary>New recovery codes (the old ones stop working), shown once.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(AppUser user) =>
        (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();

    /// <summary>Turns the second factor off (the page offers it only to roles that do not require it): key and codes removed, sessions ended.</summary>
    public async Task DisableAsync(AppUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.RemoveAuthenticationTokenAsync(user, AccountEditService.IdentityTokenProvider, "AuthenticatorKey");
        await users.RemoveAuthenticationTokenAsync(user, AccountEditService.IdentityTokenProvider, "RecoveryCodes");
        await sessions.EndAllAsync(user.Id, newStamp: false);
    }

    /// <summary>Spaces and dashes typed or pasted with a code are ignored.</summary>
    public static string Normalize(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>The key in groups of four, for typing it into an app by hand.</summary>
    public static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(text.Length > 0 ? " " : "").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return text.ToString().ToLowerInvariant();
    }

    public static string OtpAuthUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>The QR code of <paramref name="uri"/> as inline SVG markup (no image request, nothing the CSP has to allow).</summary>
    public static string QrSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
