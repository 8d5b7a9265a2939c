using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Indicators;

/// <summary>
/// Values declared by hand for the manual indicators (co-funding secured, say), each with a note and, once filed, the
/// piece of evidence that supports it. A territory's declarations are written by its coordinators, the project lead and
/// the admin; the operation's own by the last two. Staff read them all (the evidence's name only where they read the
/// territory's evidence); the committee sees only the totals in the dashboards.
/// </summary>
public sealed class DeclarationService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public async Task<IReadOnlyList<DeclarationRow>> ListAsync(int operationId, CancellationToken ct = default)
    {
        var user = users.Current;
        if (!user.CanReadActivities)
        {
            throw new ScopeViolationException("Les indicateurs et cibles ne sont pas accessibles avec votre rôle.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.IndicatorDeclarations.AsNoTracking().Where(d => d.Indicator!.OperationId == operationId)
            .OrderByDescending(d => d.To).ThenBy(d => d.Id)
            .Select(d => new
            {
                d.Id, d.IndicatorId, d.Indicator!.Code, d.TerritoryId, Territory = d.Territory == null ? null : d.Territory.Name, d.From, d.To, d.Value, d.Note,
                d.EvidenceDocumentId, Evidence = d.EvidenceDocument == null ? null : d.EvidenceDocument.OriginalName, d.Version,
            })
            .ToListAsync(ct);
        return rows.Select(d => new DeclarationRow(d.Id, d.IndicatorId, d.Code, d.TerritoryId, d.Territory ?? IndicatorDashboardService.FederationLabel,
            d.From, d.To, d.Value, d.Note, d.EvidenceDocumentId,
            d.Evidence is null ? null : CanReadEvidence(user, d.TerritoryId) ? d.Evidence : "pièce déposée",
            CanWrite(user, d.TerritoryId), d.Version)).ToList();
    }

    /// <summary>The pieces of evidence a declaration may point to: those of its territory (or the federation level) and operation, not withdrawn.</summary>
    public async Task<IReadOnlyList<EvidenceOption>> EvidenceOptionsAsync(int operationId, int? territoryId, CancellationToken ct = default)
    {
        if (!CanReadEvidence(users.Current, territoryId))
        {
            throw new ScopeViolationException("Les pièces justificatives de ce territoire ne vous sont pas accessibles.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.EvidenceDocuments.AsNoTracking()
            .Where(e => e.OperationId == operationId && e.TerritoryId == territoryId && e.WithdrawnAt == null)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(500)
            .Select(e => new EvidenceOption(e.Id, e.OriginalName)).ToListAsync(ct);
    }

    public async Task<int> CreateAsync(DeclarationInput input, CancellationToken ct = default)
    {
        EnsureCanWrite(input.TerritoryId);
        await using var db = await factory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, null, ct);
        var declaration = new IndicatorDeclaration { Note = "" };
        Apply(input, declaration);
        db.IndicatorDeclarations.Add(declaration);
        await db.SaveChangesAsync(ct);
        return declaration.Id;
    }

    public async Task UpdateAsync(int id, DeclarationInput input, long version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var declaration = await db.IndicatorDeclarations.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("Cette déclaration n'existe pas.");
        EnsureCanWrite(declaration.TerritoryId);
        EnsureCanWrite(input.TerritoryId);
        await ValidateAsync(db, input, id, ct);
        db.Entry(declaration).Property(d => d.Version).OriginalValue = version;
        Apply(input, declaration);
        await db.SaveOrConflictAsync(ct);
    }

    public async Task DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var declaration = await db.IndicatorDeclarations.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("Cette déclaration n'existe pas.");
        EnsureCanWrite(declaration.TerritoryId);
        db.IndicatorDeclarations.Remove(declaration);
        await db.SaveChangesAsync(ct);
    }

    private static bool CanWrite(CurrentUser user, int? territoryId) => territoryId is { } id ? user.CanWriteTerritory(id) : user.CanWriteFederation;

    private static bool CanReadEvidence(CurrentUser user, int? territoryId) => territoryId is { } id ? user.CanReadTerritoryFinance(id) : user.HasFederationScope;

    private void EnsureCanWrite(int? territoryId)
    {
        var user = users.Current;
        if (territoryId is { } id)
        {
            user.EnsureCanWriteTerritory(id);
        }
        else
        {
            user.EnsureCanWriteFederation();
        }
    }

    private async Task ValidateAsync(AppDbContext db, DeclarationInput input, int? id, CancellationToken ct)
    {
        var indicator = await db.Indicators.AsNoTracking().Where(i => i.Id == input.IndicatorId)
            .Select(i => new { i.Source, i.OperationId }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Cet indicateur n'existe pas.");
        var operation = await IndicatorService.OperationAsync(db, indicator.OperationId, ct);
        var today = clock.Today();
        var errors = new FieldErrors();
        if (indicator.Source != IndicatorSource.Manual)
        {
            errors.Add(nameof(input.IndicatorId), "Cet indicateur est calculé à partir du journal et de l'annuaire : il ne se déclare pas.");
        }
        if (input.TerritoryId is { } territoryId && !await db.Territories.AnyAsync(t => t.Id == territoryId, ct))
        {
            errors.Add(nameof(input.TerritoryId), "Ce territoire n'existe pas.");
        }
        if (input.From > input.To)
        {
            errors.Add(nameof(input.To), "La fin de la période précède son début.");
        }
        else if (!operation.Contains(input.From) || !operation.Contains(input.To))
        {
            errors.Add(nameof(input.From), $"La période doit se situer dans l'opération {operation.Code} (du {French.DayMonthYear(operation.StartDate)} au {French.DayMonthYear(operation.EndDate)}).");
        }
        else if (input.To > today)
        {
            errors.Add(nameof(input.To), "On déclare une valeur acquise : la période ne peut pas finir après aujourd'hui.");
        }
        else if (await db.IndicatorDeclarations.AnyAsync(d => d.IndicatorId == input.IndicatorId && d.TerritoryId == input.TerritoryId
                     && d.From <= input.To && d.To >= input.From && (id == null || d.Id != id), ct))
        {
            errors.Add(nameof(input.From), "Une autre déclaration de cet indicateur couvre déjà une partie de ces dates pour ce périmètre.");
        }
        if (input.Value < 0 || input.Value > IndicatorRules.MaxValue)
        {
            errors.Add(nameof(input.Value), "La valeur doit être un nombre positif ou nul.");
        }
        if (string.IsNullOrWhiteSpace(input.Note))
        {
            errors.Add(nameof(input.Note), "La note est obligatoire : d'où vient la valeur (convention signée, notification…) ?");
        }
        else if (TextRules.Problem(input.Note, "Note", TextLimits.Description, TextKind.MultiLine) is { } problem)
        {
            errors.Add(nameof(input.Note), problem);
        }
        if (input.EvidenceDocumentId is { } evidenceId && !await db.EvidenceDocuments.AnyAsync(e => e.Id == evidenceId
                && e.OperationId == indicator.OperationId && e.TerritoryId == input.TerritoryId && e.WithdrawnAt == null, ct))
        {
            errors.Add(nameof(input.EvidenceDocumentId), "Cette pièce n'existe pas, a été retirée, ou n'est pas de ce territoire et de cette opération.");
        }
        errors.ThrowIfAny();
    }

    private static void Apply(DeclarationInput input, IndicatorDeclaration declaration)
    {
        declaration.IndicatorId = input.IndicatorId;
        declaration.TerritoryId = input.TerritoryId;
        declaration.From = input.From;
        declaration.To = input.To;
        declaration.Value = input.Value;
        declaration.Note = input.Note.Trim();
        declaration.EvidenceDocumentId = input.EvidenceDocumentId;
    }
}
