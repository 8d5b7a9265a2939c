using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace CscDashboard.Core.Notifications;

/// <summary>
/// The one-click unsubscribe link of a mail (issue 19 point 9): a token signed and encrypted with the application's
/// data-protection keys (the cookies' key ring, shared by every instance) naming an account and a kind of mail. It works
/// without signing in and does one thing: turn that kind off for that account. The password reset has none.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection, MailOptions options)
{
    public const string Path = "/account/notifications/unsubscribe";

    private IDataProtector Protector => protection.CreateProtector("CscDashboard.Notifications.Unsubscribe.v1");

    public string Token(string userId, MailKind kind) => Protector.Protect($"{userId}|{kind}");

    public string Url(string userId, MailKind kind) => options.Link($"{Path}?t={Uri.EscapeDataString(Token(userId, kind))}");

    /// <summary>The account and kind a token names, or null for a token that was altered, made elsewhere, or names a kind that cannot be turned off.</summary>
    public (string UserId, MailKind Kind)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }
        string text;
        try
        {
            text = Protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = text.Split('|');
        return parts.Length == 2 && Enum.TryParse<MailKind>(parts[1], out var kind) && MailKinds.Optional.Contains(kind)
            ? (parts[0], kind)
            : null;
    }
}
