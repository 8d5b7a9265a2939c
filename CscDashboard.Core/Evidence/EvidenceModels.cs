using CscDashboard.Core.Common;

namespace CscDashboard.Core.Evidence;

/// <summary>
/// What a piece of evidence is linked to. The territory and the operation are derived from these
/// links; every link given must belong to the same territory.
/// </summary>
public sealed record EvidenceLinks(
    int? ActivityId = null,
    int? ExpenseId = null,
    int? MemberId = null,
    int? CentreId = null,
    int? TimesheetId = null,
    DateOnly? PeriodMonth = null);

/// <summary>An upload: the name the browser gave (kept only as a display name), the category and the links.</summary>
public sealed record EvidenceUpload(string FileName, EvidenceCategory Category, EvidenceLinks Links);

/// <summary>The stored row: <paramref name="StoredNewFile"/> is false when the same bytes were already in the vault.</summary>
public sealed record EvidenceSaved(int Id, string Sha256, bool StoredNewFile);

/// <summary>List filters (they live in the page's URL). Period bounds apply to the document's month.</summary>
public sealed record EvidenceFilter
{
    public string? TerritoryCode { get; init; }
    public EvidenceCategory? Category { get; init; }
    public int? ActivityId { get; init; }
    public int? ExpenseId { get; init; }
    public int? MemberId { get; init; }
    public int? CentreId { get; init; }
    public int? TimesheetId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>Part of the file name.</summary>
    public string? Search { get; init; }
    public bool IncludeWithdrawn { get; init; }
}

public sealed record EvidenceRow(
    int Id,
    EvidenceCategory Category,
    string OriginalName,
    long Size,
    string ContentType,
    int? TerritoryId,
    string? TerritoryName,
    DateOnly? PeriodMonth,
    int? ActivityId,
    string? ActivityTitle,
    int? ExpenseId,
    string? ExpenseLabel,
    int? MemberId,
    string? MemberName,
    int? CentreId,
    string? CentreName,
    int? TimesheetId,
    DateTime UploadedAt,
    string? UploadedBy,
    DateOnly RetentionUntil,
    DateTime? WithdrawnAt,
    string? WithdrawnBy,
    string? WithdrawalReason)
{
    /// <summary>Set by the service for the caller: may withdraw this piece.</summary>
    public bool CanWrite { get; init; }

    public string DownloadUrl => EvidenceLabels.DownloadUrl(Id);
}

/// <summary>A file to send: the path comes from the stored hash, never from the request.</summary>
public sealed record EvidenceFile(string FullPath, string ContentType, string DownloadName);

/// <summary>A generated PDF ready to download.</summary>
public sealed record GeneratedPdf(byte[] Content, string FileName)
{
    public const string ContentType = "application/pdf";
}

public static class EvidenceLabels
{

    public static string Of(EvidenceCategory category) => category switch
    {
        EvidenceCategory.Timesheet => "Feuille de temps",
        EvidenceCategory.PurchaseOrder => "Bon de commande",
        EvidenceCategory.Invoice => "Facture",
        EvidenceCategory.AttendanceSheet => "Feuille d'émargement",
        EvidenceCategory.PublicityProof => "Preuve de publicité",
        EvidenceCategory.Payslip => "Bulletin de salaire",
        EvidenceCategory.MissionLetter => "Lettre de mission",
        EvidenceCategory.Other => "Autre",
        _ => category.ToString(),
    };

    public static string Of(Timesheets.SignatureStatus status) => status switch
    {
        Timesheets.SignatureStatus.Draft => "Non signée",
        Timesheets.SignatureStatus.SignedByEmployee => "Signée par la personne salariée",
        Timesheets.SignatureStatus.Countersigned => "Signée et contresignée",
        _ => status.ToString(),
    };

    /// <summary>"1,2 Mo", "350 ko".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{(bytes / (1024d * 1024)).ToString("0.#", French.Culture)} Mo",
        >= 1024 => $"{bytes / 1024} ko",
        _ => $"{bytes} o",
    };

    public static string DownloadUrl(int id) => $"/evidence/{id}/file";
}
