using CscDashboard.Core.Common;

namespace CscDashboard.Web.Auth;

/// <summary>
/// The roles that must sign in with a second factor (<c>Security:RequireTwoFactorForRoles</c>, comma-separated;
/// Admin and ProjectLead when the setting is absent, none when it is empty: Development and tests, ADR 018).
/// Other roles may turn it on from their account page.
/// </summary>
public sealed class TwoFactorPolicy(IReadOnlySet<string> requiredRoles)
{
    public const string SettingKey = "Security:RequireTwoFactorForRoles";

    public IReadOnlySet<string> RequiredRoles { get; } = requiredRoles;

    public static TwoFactorPolicy From(IConfiguration configuration)
    {
        var setting = configuration[SettingKey] ?? $"{Roles.Admin},{Roles.ProjectLead}";
        var roles = setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => Roles.All.FirstOrDefault(known => string.Equals(known, r, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"{SettingKey} : le rôle « {r} » n'existe pas (rôles : {string.Join(", ", Roles.All)})."))
            .ToHashSet();
        return new TwoFactorPolicy(roles);
    }

    public bool IsRequiredFor(IEnumerable<string> roles) => roles.Any(RequiredRoles.Contains);
}
