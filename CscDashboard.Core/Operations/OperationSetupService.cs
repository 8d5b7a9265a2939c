using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Operations;

/// <summary>An operation as <c>/admin/operations</c> edits it.</summary>
public sealed record OperationInput
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string Programme { get; set; } = "";
    public string? ManagingAuthority { get; set; }
    /// <summary>Share of eligible costs paid by the EU, in percent (0 to 100) as the form shows it.</summary>
    public decimal EuFundingPercent { get; set; }
    public IndirectCostsOption IndirectCosts { get; set; }
    public OperationStatus Status { get; set; }
    /// <summary>Null: the default (31 December of the third year after the end).</summary>
    public DateOnly? RetentionUntil { get; set; }
    public long Version { get; set; }
}

public sealed record OperationRow(int Id, OperationInput Input, int Activities, int BudgetLines, string FundingMention);

/// <summary>
/// The programme's phases, edited by the project lead and the admin (issue 20 point 5, ADR 031): dates, funds and rates,
/// funding mention and managing authority for documents, flat-rate option, status; the next phase is created from the
/// previous one with its budget lines (territories and workstreams are the programme's, shared by every phase). Dates
/// never shrink past an activity or an expense of the operation, and two phases never overlap: refused in French,
/// nothing written.
/// </summary>
public sealed class OperationSetupService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users)
{
    public async Task<IReadOnlyList<OperationRow>> ListAsync(CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Operations.AsNoTracking().OrderBy(o => o.StartDate).Select(o => new
        {
            Operation = o,
            Activities = db.Activities.Count(a => a.OperationId == o.Id && a.DeletedAt == null),
            BudgetLines = db.BudgetLines.Count(b => b.OperationId == o.Id),
        }).ToListAsync(ct);
        return rows.Select(r => new OperationRow(r.Operation.Id, ToInput(r.Operation), r.Activities, r.BudgetLines,
            Operation.FundingMentionOf(r.Operation.Programme))).ToList();
    }

    /// <summary>Saves the form over the version it loaded.</summary>
    public async Task UpdateAsync(int id, OperationInput input, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var operation = await db.Operations.SingleOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("Cette opération n'existe pas.");
        await ValidateAsync(db, input, id, ct);
        db.Entry(operation).Property(o => o.Version).OriginalValue = input.Version;
        Apply(input, operation);
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>
    /// Creates the phase that follows <paramref name="previousId"/>, with a copy of its budget lines and of its indicator
    /// catalogue (without targets: a phase's targets are set for its own end); returns its id.
    /// </summary>
    public async Task<int> CreateNextPhaseAsync(int previousId, OperationInput input, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var previous = await db.Operations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == previousId, ct)
            ?? throw new NotFoundException("Cette opération n'existe pas.");
        await ValidateAsync(db, input, null, ct);
        if (input.StartDate <= previous.EndDate)
        {
            var errors = new FieldErrors();
            errors.Add(nameof(input.StartDate),
                $"La phase suivante commence après la fin de {previous.Code} ({previous.EndDate.ToString("dd/MM/yyyy", French.Culture)}). Rien n'a été enregistré.");
            errors.ThrowIfAny();
        }
        var operation = new Operation { Code = "", Name = "", Programme = "" };
        Apply(input, operation);
        var lines = await db.BudgetLines.AsNoTracking().Where(b => b.OperationId == previousId).ToListAsync(ct);
        operation.IsDemo = previous.IsDemo;
        db.Operations.Add(operation);
        db.BudgetLines.AddRange(lines.Select(b => new BudgetLine
        {
            Operation = operation, TerritoryId = b.TerritoryId, Category = b.Category, Label = b.Label, Amount = b.Amount,
        }));
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.OperationId == previousId).ToListAsync(ct);
        db.Indicators.AddRange(indicators.Select(i => new Indicator
        {
            Operation = operation, Code = i.Code, Name = i.Name, Unit = i.Unit, IsEu = i.IsEu, Source = i.Source,
            ActivityType = i.ActivityType, AudienceGroupId = i.AudienceGroupId, Number = i.Number,
        }));
        await db.SaveChangesAsync(ct);
        return operation.Id;
    }

    /// <summary>A new phase's form, from the previous one: the next day to four years on, same funds and options.</summary>
    public static OperationInput NextPhaseOf(OperationInput previous) => previous with
    {
        Code = "",
        Name = previous.Name,
        StartDate = previous.EndDate?.AddDays(1),
        EndDate = previous.EndDate?.AddYears(4),
        Status = OperationStatus.Planned,
        RetentionUntil = null,
        Version = 0,
    };

    internal static OperationInput ToInput(Operation o) => new()
    {
        Code = o.Code, Name = o.Name, StartDate = o.StartDate, EndDate = o.EndDate, Programme = o.Programme, ManagingAuthority = o.ManagingAuthority,
        EuFundingPercent = o.EuFundingRate * 100m, IndirectCosts = o.IndirectCosts, Status = o.Status, RetentionUntil = o.RetentionUntil, Version = o.Version,
    };

    private static async Task ValidateAsync(AppDbContext db, OperationInput input, int? id, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Code))
        {
            errors.Add(nameof(input.Code), "Le code est obligatoire (par exemple CSC-2028-2031).");
        }
        else if (TextRules.Problem(input.Code, "Code", 32) is { } code)
        {
            errors.Add(nameof(input.Code), code);
        }
        else if (await db.Operations.AnyAsync(o => o.Code == input.Code.Trim() && o.Id != id, ct))
        {
            errors.Add(nameof(input.Code), "Une autre opération porte déjà ce code.");
        }
        if (string.IsNullOrWhiteSpace(input.Name) || TextRules.Problem(input.Name, "Nom", TextLimits.Name) is not null)
        {
            errors.Add(nameof(input.Name), TextRules.Problem(input.Name, "Nom", TextLimits.Name) ?? "Le nom est obligatoire.");
        }
        if (string.IsNullOrWhiteSpace(input.Programme) || TextRules.Problem(input.Programme, "Programme", TextLimits.Name) is not null)
        {
            errors.Add(nameof(input.Programme), TextRules.Problem(input.Programme, "Programme", TextLimits.Name)
                ?? "Le programme est obligatoire : il fait la mention de financement des documents (« FEDER REACT-EU (Région Hauts-de-France) »).");
        }
        if (TextRules.Problem(input.ManagingAuthority, "Autorité de gestion", TextLimits.Name) is { } authority)
        {
            errors.Add(nameof(input.ManagingAuthority), authority);
        }
        if (input.EuFundingPercent is < 0 or > 100)
        {
            errors.Add(nameof(input.EuFundingPercent), "Le taux de cofinancement européen va de 0 à 100 %.");
        }
        if (input.StartDate is not { } start || input.EndDate is not { } end)
        {
            errors.Add(nameof(input.StartDate), "Les dates de début et de fin sont obligatoires.");
            errors.ThrowIfAny();
            return;
        }
        if (end < start)
        {
            errors.Add(nameof(input.EndDate), "La fin précède le début.");
        }
        var overlap = await db.Operations.AsNoTracking().Where(o => o.Id != id && o.StartDate <= end && o.EndDate >= start).Select(o => o.Code).FirstOrDefaultAsync(ct);
        if (overlap is not null)
        {
            errors.Add(nameof(input.StartDate), $"Ces dates chevauchent l'opération {overlap} : deux phases ne se recouvrent pas.");
        }
        if (id is { } existing)
        {
            // Every activity and expense belongs to the operation whose period holds its date: none may fall outside.
            var activities = await db.Activities.AsNoTracking().Where(a => a.OperationId == existing && (a.Date < start || a.Date > end))
                .GroupBy(_ => 1).Select(g => new { Count = g.Count(), First = g.Min(a => a.Date), Last = g.Max(a => a.Date) }).SingleOrDefaultAsync(ct);
            if (activities is not null)
            {
                errors.Add(nameof(input.StartDate),
                    $"Ces dates laisseraient hors de l'opération {French.Plural(activities.Count, "activité", "activités")} "
                    + $"(du {activities.First.ToString("dd/MM/yyyy", French.Culture)} au {activities.Last.ToString("dd/MM/yyyy", French.Culture)}) : "
                    + "gardez des dates qui les couvrent. Rien n'a été enregistré.");
            }
            var expenses = await db.Expenses.AsNoTracking().CountAsync(e => e.OperationId == existing && (e.InvoiceDate < start || e.InvoiceDate > end), ct);
            if (expenses > 0)
            {
                errors.Add(nameof(input.EndDate),
                    $"Ces dates laisseraient hors de l'opération {French.Plural(expenses, "dépense", "dépenses")} : gardez des dates qui couvrent leurs factures. Rien n'a été enregistré.");
            }
        }
        errors.ThrowIfAny();
    }

    private static void Apply(OperationInput input, Operation operation)
    {
        operation.Code = input.Code.Trim();
        operation.Name = input.Name.Trim();
        operation.StartDate = input.StartDate!.Value;
        operation.EndDate = input.EndDate!.Value;
        operation.Programme = input.Programme.Trim();
        operation.ManagingAuthority = string.IsNullOrWhiteSpace(input.ManagingAuthority) ? null : input.ManagingAuthority.Trim();
        operation.EuFundingRate = Math.Round(input.EuFundingPercent / 100m, 4);
        operation.IndirectCosts = input.IndirectCosts;
        operation.Status = input.Status;
        operation.RetentionUntil = input.RetentionUntil ?? Operation.DefaultRetention(operation.EndDate);
    }
}
