using CscDashboard.Core.Common;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Territories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Finance;

public enum CostCategory
{
    Staff,
    Travel,
    Equipment,
    ExternalServices,
    Communication,
    Indirect,
    Other,
}

public enum FundingKind
{
    FederReactEu,
    Region,
    Departement,
    Caf,
    State,
    Commune,
    Other,
}

/// <summary>Planned amount per territory (null: federation level) and category.</summary>
public class BudgetLine : AuditableEntity
{
    public int OperationId { get; set; }
    public Operation? Operation { get; set; }
    public int? TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public CostCategory Category { get; set; }
    public required string Label { get; set; }
    public decimal Amount { get; set; }
}

public class Expense : AuditableEntity
{
    public int OperationId { get; set; }
    public Operation? Operation { get; set; }
    public int TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public required string Supplier { get; set; }
    public required string InvoiceNumber { get; set; }
    public DateOnly InvoiceDate { get; set; }
    public DateOnly? PaymentDate { get; set; }
    public string? Description { get; set; }
    public CostCategory Category { get; set; }
    public decimal AmountExclVat { get; set; }
    public decimal Vat { get; set; }
    public decimal EligibleAmount { get; set; }

    public decimal AmountInclVat => AmountExclVat + Vat;
}

public class FundingSource : AuditableEntity
{
    public int OperationId { get; set; }
    public Operation? Operation { get; set; }
    public required string Name { get; set; }
    public FundingKind Kind { get; set; }
    public decimal Committed { get; set; }
    public decimal Received { get; set; }
    public DateOnly? CommittedOn { get; set; }
    public DateOnly? LastReceivedOn { get; set; }
    /// <summary>A co-funding sought for one territory (issue 20); null for the whole operation.</summary>
    public int? TerritoryId { get; set; }
    public Territories.Territory? Territory { get; set; }
    public FundingStatus Status { get; set; }
    /// <summary>When it was asked for (sollicité).</summary>
    public DateOnly? RequestedOn { get; set; }
}

/// <summary>Where a funding request stands: sollicité, accordé, versé, refusé (issue 20).</summary>
public enum FundingStatus
{
    Requested,
    Granted,
    Paid,
    Refused,
}

public sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> b)
    {
        b.Property(x => x.Label).HasMaxLength(200);
        b.Property(x => x.Category).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Amount).HasPrecision(14, 2);
        b.HasOne(x => x.Operation).WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OperationId, x.TerritoryId, x.Category });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class ExpenseConfiguration : IEntityTypeConfiguration<Expense>
{
    public void Configure(EntityTypeBuilder<Expense> b)
    {
        b.Property(x => x.Supplier).HasMaxLength(200);
        b.Property(x => x.InvoiceNumber).HasMaxLength(60);
        b.Property(x => x.Description).HasMaxLength(1000);
        b.Property(x => x.Category).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.AmountExclVat).HasPrecision(14, 2);
        b.Property(x => x.Vat).HasPrecision(14, 2);
        b.Property(x => x.EligibleAmount).HasPrecision(14, 2);
        b.Ignore(x => x.AmountInclVat);
        b.HasOne(x => x.Operation).WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OperationId, x.TerritoryId, x.InvoiceDate });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class FundingSourceConfiguration : IEntityTypeConfiguration<FundingSource>
{
    public void Configure(EntityTypeBuilder<FundingSource> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Committed).HasPrecision(14, 2);
        b.Property(x => x.Received).HasPrecision(14, 2);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne(x => x.Operation).WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
