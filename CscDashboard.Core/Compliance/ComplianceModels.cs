using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Compliance;

/// <summary>The five evidence rules of architecture.md section 3 checked by <see cref="ComplianceService"/>.</summary>
public enum ComplianceRule
{
    ExpenseInvoice,
    ActivityAttendanceSheet,
    MemberTimesheet,
    MemberMissionLetter,
    CentrePublicityProof,
}

/// <summary>Operation, optional period (clipped to the operation) and optional territory.</summary>
public sealed record ComplianceQuery(int OperationId, Period? Period = null, int? TerritoryId = null);

/// <summary>One missing piece: what it is, the object it belongs to (with its page) and what to upload.</summary>
public sealed record MissingEvidence(
    ComplianceRule Rule,
    string Label,
    int TerritoryId,
    string TerritoryName,
    int ObjectId,
    string ObjectTitle,
    DateOnly? Date,
    string ObjectUrl,
    EvidenceCategory ToUpload,
    string UploadUrl);

/// <summary>Required and satisfied evidence of a territory; <see cref="Percent"/> is 100 when nothing is required.</summary>
public sealed record TerritoryCompleteness(int TerritoryId, string Code, string Name, int Required, int Satisfied)
{
    public int Missing => Required - Satisfied;
    public decimal Percent => ComplianceRules.Percent(Satisfied, Required);
}

/// <summary>The per-territory completeness stored by the nightly job (whole operation up to the day of the run).</summary>
public class ComplianceSnapshot : INotAudited
{
    public int Id { get; set; }
    public int OperationId { get; set; }
    public int TerritoryId { get; set; }
    public int Required { get; set; }
    public int Satisfied { get; set; }
    public DateTime ComputedAtUtc { get; set; }
}

public sealed class ComplianceSnapshotConfiguration : IEntityTypeConfiguration<ComplianceSnapshot>
{
    public void Configure(EntityTypeBuilder<ComplianceSnapshot> b)
    {
        b.HasIndex(x => new { x.OperationId, x.TerritoryId }).IsUnique();
        b.HasOne<Operations.Operation>().WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Territories.Territory>().WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class ComplianceRules
{
    /// <summary>Satisfied / required, as a percentage with one decimal; nothing required is complete.</summary>
    public static decimal Percent(int satisfied, int required) =>
        required == 0 ? 100m : Math.Round(100m * satisfied / required, 1, MidpointRounding.AwayFromZero);

    public static string Label(ComplianceRule rule) => rule switch
    {
        ComplianceRule.ExpenseInvoice => "Dépense sans facture ni bon de commande",
        ComplianceRule.ActivityAttendanceSheet => "Action collective sans feuille d'émargement",
        ComplianceRule.MemberTimesheet => "Mois sans feuille de temps signée",
        ComplianceRule.MemberMissionLetter => "Personne salariée sans lettre de mission (temps plein ou pourcentage fixe)",
        ComplianceRule.CentrePublicityProof => "Centre engagé sans preuve de publicité",
        _ => rule.ToString(),
    };
}
