namespace CscDashboard.Core.Notifications;

/// <summary>How the SMTP connection is secured (<c>Mail:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// The mail settings of appsettings.json (section <c>Mail</c>). Without <see cref="SmtpHost"/> — the default — every message
/// is written as an .eml file into <see cref="PickupDirectory"/> (the data directory's <c>mail/</c>) instead of being sent.
/// </summary>
public sealed record MailOptions
{
    public const string Section = "Mail";

    public string SmtpHost { get; init; } = "";
    public int SmtpPort { get; init; } = 587;
    public SmtpSecurity Security { get; init; } = SmtpSecurity.Auto;
    public string SmtpUser { get; init; } = "";
    public string SmtpPassword { get; init; } = "";
    public string FromAddress { get; init; } = "ne-pas-repondre@csc.invalid";
    public string FromName { get; init; } = FederationName;
    /// <summary>The address people open the app at, for the links in the mails (<c>Mail:PublicUrl</c>).</summary>
    public string PublicUrl { get; init; } = "http://localhost:5260";
    /// <summary>Attempts before a message is marked failed (<c>Mail:MaxAttempts</c>).</summary>
    public int MaxAttempts { get; init; } = 6;
    /// <summary>Absolute folder of the .eml files when no SMTP host is configured.</summary>
    public string PickupDirectory { get; init; } = "";

    public bool UsesPickup => string.IsNullOrWhiteSpace(SmtpHost);

    public const string FederationName = "Fédération des Centres sociaux du Nord Pas-de-Calais";

    /// <summary><see cref="PublicUrl"/> joined with a path of the app.</summary>
    public string Link(string path) => PublicUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}
