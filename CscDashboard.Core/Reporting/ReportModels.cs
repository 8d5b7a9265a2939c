using CscDashboard.Core.Common;

namespace CscDashboard.Core.Reporting;

/// <summary>What a user asks for: a kind of report over a period (code as typed: 2023-Q1), for the federation or one territory.</summary>
public sealed record ReportRequest(ReportKind Kind, string PeriodCode, string? TerritoryCode = null, bool NewVersion = false);

/// <summary>The answer to a request: the snapshot, and whether a job must (re)build it.</summary>
public sealed record ReportRequestResult(ReportRow Report, bool Created, bool NeedsRun);

/// <summary>One line of the report library. <see cref="PeriodCode"/> is the stored period code (2023-Q1).</summary>
public sealed record ReportRow(
    int Id,
    ReportKind Kind,
    string PeriodCode,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string Scope,
    string ScopeLabel,
    int Version,
    ReportStatus Status,
    string RequestedBy,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    string? Error)
{
    public string KindLabel => ReportLabels.Of(Kind);
    public string StatusLabel => ReportLabels.Of(Status);

    /// <summary>"1er trimestre 2023", or the operation's label for an operation code.</summary>
    public string PeriodName => Period.TryParse(PeriodCode, [], out var period, out _)
        ? period.Label
        : new Period(PeriodKind.Operation, PeriodStart, PeriodEnd, PeriodCode).Label;

    /// <summary>The territory code, or null for the federation.</summary>
    public string? TerritoryCode => Scope == ReportLabels.FederationScope ? null : Scope;
}

/// <summary>A ready report's PDF: where it is on disk (never taken from a URL) and the name offered to the browser.</summary>
public sealed record ReportFile(string FullPath, string FileName);

public static class ReportLabels
{
    public const string FederationScope = "federation";
    public const string FederationLabel = "Toute la fédération";

    public static string Of(ReportKind kind) => kind switch
    {
        ReportKind.Monthly => "Bilan mensuel",
        ReportKind.QuarterlyCommittee => "Bilan trimestriel (comité)",
        ReportKind.Territory => "Bilan de territoire",
        ReportKind.PaymentClaim => "Demande de paiement",
        _ => kind.ToString(),
    };

    public static string Of(ReportStatus status) => status switch
    {
        ReportStatus.Pending => "En attente",
        ReportStatus.Running => "En cours",
        ReportStatus.Ready => "Prêt",
        ReportStatus.Failed => "Échec",
        _ => status.ToString(),
    };
}
