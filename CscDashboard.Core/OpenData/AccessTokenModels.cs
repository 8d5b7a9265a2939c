namespace CscDashboard.Core.OpenData;

/// <summary>The token form; mutable so that the page can bind to it.</summary>
public sealed record AccessTokenInput
{
    public string Name { get; set; } = "";
    /// <summary>Days of validity, 1 to <see cref="AccessToken.MaxDays"/>.</summary>
    public int Days { get; set; } = AccessTokenService.DefaultDays;
    /// <summary>Figures and reports only, read as the committee reads them (no name, no file but the reports).</summary>
    public bool AggregatesOnly { get; set; }
    /// <summary>A coordinator's token: some of their territories (none chosen: all of them). Other roles: none.</summary>
    public IReadOnlyCollection<int> TerritoryIds { get; set; } = [];
}

/// <summary>A token just created: <see cref="Secret"/> is shown this once and never stored.</summary>
public sealed record IssuedToken(int Id, string Name, string Secret, DateTime ExpiresAt);

/// <summary>A territory a coordinator may limit a token to.</summary>
public sealed record TokenTerritory(int Id, string Code, string Name);

/// <summary>What the caller may choose for a new token: their role, and for a coordinator their territories.</summary>
public sealed record TokenChoices(string Role, IReadOnlyList<TokenTerritory> Territories);

/// <summary>
/// A token as its owner (or the administrator) sees it. <see cref="Territories"/>: the codes a coordinator's token is
/// limited to. Times are UTC.
/// </summary>
public sealed record AccessTokenRow(
    int Id,
    string Name,
    string Hint,
    string OwnerName,
    string OwnerEmail,
    string Role,
    IReadOnlyList<string> Territories,
    DateTime CreatedAt,
    DateTime ExpiresAt,
    DateTime? LastUsedAt,
    DateTime? RevokedAt,
    string? RevokedBy)
{
    public bool AggregatesOnly => Role == Common.Roles.Committee;

    public bool IsActiveAt(DateTime utcNow) => RevokedAt is null && ExpiresAt > utcNow;
}

/// <summary>
/// The caller a valid token stands for (<see cref="AccessTokenAuthenticator"/>): its account, the role it reads with and
/// the territories that are its own (the token's, narrowed to the account's of today).
/// </summary>
public sealed record TokenCaller(int TokenId, string UserId, string DisplayName, string Role, IReadOnlySet<int> TerritoryIds);
