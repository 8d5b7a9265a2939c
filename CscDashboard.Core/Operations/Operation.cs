using CscDashboard.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Operations;

/// <summary>How indirect costs are claimed (EU simplified cost options).</summary>
public enum IndirectCostsOption
{
    RealCosts,
    /// <summary>Flat 15 % of direct staff costs.</summary>
    FlatRate15,
    /// <summary>Flat 40 % of direct staff costs, covering all other costs.</summary>
    FlatRate40,
}

/// <summary>Where an operation stands; a closed one is kept for its history and its evidence.</summary>
public enum OperationStatus
{
    Open,
    Planned,
    Closed,
}

/// <summary>One funded phase of the programme; activities, expenses and evidence belong to the one whose period holds their date.</summary>
public class Operation : AuditableEntity
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public required string Programme { get; set; }
    /// <summary>Share of eligible costs paid by the EU, 0..1.</summary>
    public decimal EuFundingRate { get; set; }
    public IndirectCostsOption IndirectCosts { get; set; }
    /// <summary>Evidence is kept until this date (architecture.md: end of operation + 3 years, on 31 December).</summary>
    public DateOnly RetentionUntil { get; set; }
    public bool IsDemo { get; set; }
    public OperationStatus Status { get; set; }
    /// <summary>The managing authority printed beside the EU emblem (« Région Hauts-de-France »); none when empty.</summary>
    public string? ManagingAuthority { get; set; }

    public bool Contains(DateOnly date) => date >= StartDate && date <= EndDate;

    /// <summary>
    /// The EU funding mention of the operation's public documents, from its programme: each phase names its own fund
    /// (CSC-2021-2023 FEDER REACT-EU, CSC-2024-2027 FEDER-FSE+ 2021-2027), never another phase's.
    /// </summary>
    public static string FundingMentionOf(string? programme) => string.IsNullOrWhiteSpace(programme)
        ? "Cofinancé par l'Union européenne"
        : $"Cofinancé par l'Union européenne — {programme.Trim()}";

    public static DateOnly DefaultRetention(DateOnly endDate) => new(endDate.Year + 3, 12, 31);
}

public sealed class OperationConfiguration : IEntityTypeConfiguration<Operation>
{
    public void Configure(EntityTypeBuilder<Operation> b)
    {
        b.Property(x => x.Code).HasMaxLength(32);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Programme).HasMaxLength(200);
        b.Property(x => x.EuFundingRate).HasPrecision(5, 4);
        b.Property(x => x.IndirectCosts).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ManagingAuthority).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

/// <summary>An operation's code and dates, for validating dates without loading the entity.</summary>
public sealed record OperationPeriod(int Id, string Code, DateOnly StartDate, DateOnly EndDate)
{
    public bool Contains(DateOnly date) => date >= StartDate && date <= EndDate;
}

/// <summary>
/// The one query for operations as periods: reading a period code (an operation code is one), checking that a date
/// falls in an operation, stepping from period to period. By start date.
/// </summary>
public static class OperationPeriods
{
    public static IQueryable<OperationPeriod> AsPeriods(this IQueryable<Operation> operations) =>
        operations.AsNoTracking().OrderBy(o => o.StartDate).Select(o => new OperationPeriod(o.Id, o.Code, o.StartDate, o.EndDate));

    public static Task<List<OperationPeriod>> OperationPeriodsAsync(this Data.AppDbContext db, CancellationToken ct = default) =>
        db.Operations.AsPeriods().ToListAsync(ct);
}
