using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Territories;

public sealed record TerritoryInput
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int SectorId { get; set; }
    public long Version { get; set; }
}

public sealed record SectorInput
{
    public string Name { get; set; } = "";
    public long Version { get; set; }
}

public sealed record TerritorySetupRow(int Id, int Number, TerritoryInput Input, string SectorName, IReadOnlyList<string> Coordinators, bool HasData, DateTime? ArchivedAt);

public sealed record SectorSetupRow(int Id, int Number, SectorInput Input, int Territories, DateTime? ArchivedAt);

public sealed record TerritorySetup(IReadOnlyList<SectorSetupRow> Sectors, IReadOnlyList<TerritorySetupRow> Territories);

/// <summary>
/// Territories and sectors, edited by the project lead and the admin (issue 20 point 6, ADR 031): names, codes, sector.
/// A territory or a sector that holds data is archived, never deleted (its history stays and is offered no more);
/// the coordinators of a territory are given in the accounts (<c>/admin/users</c>), which also closes their sessions.
/// </summary>
public sealed class TerritorySetupService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public async Task<TerritorySetup> ListAsync(CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var sectors = await db.Sectors.AsNoTracking().OrderBy(s => s.Number)
            .Select(s => new SectorSetupRow(s.Id, s.Number, new SectorInput { Name = s.Name, Version = s.Version }, s.Territories.Count, s.ArchivedAt)).ToListAsync(ct);
        var territories = await db.Territories.AsNoTracking().OrderBy(t => t.Number).Select(t => new
        {
            t.Id, t.Number, t.Code, t.Name, t.SectorId, SectorName = t.Sector!.Name, t.Version, t.ArchivedAt,
            Coordinators = db.CoordinatorTerritories.Where(c => c.TerritoryId == t.Id).Select(c => c.User!.DisplayName).ToList(),
        }).ToListAsync(ct);
        var withData = await TerritoriesWithDataAsync(db, ct);
        return new TerritorySetup(sectors, territories.Select(t => new TerritorySetupRow(t.Id, t.Number,
            new TerritoryInput { Code = t.Code, Name = t.Name, SectorId = t.SectorId, Version = t.Version }, t.SectorName, t.Coordinators,
            withData.Contains(t.Id), t.ArchivedAt)).ToList());
    }

    /// <summary>Creates (<paramref name="id"/> null) or edits a territory; returns its id.</summary>
    public async Task<int> SaveTerritoryAsync(int? id, TerritoryInput input, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        var code = input.Code.Trim().ToUpperInvariant();
        if (code.Length is < 2 or > 16 || !code.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '-'))
        {
            errors.Add(nameof(input.Code), "Le code va de 2 à 16 lettres majuscules, chiffres ou tirets (il sert dans les adresses : /territories/ART).");
        }
        else if (await db.Territories.AnyAsync(t => t.Code == code && t.Id != id, ct))
        {
            errors.Add(nameof(input.Code), "Un autre territoire porte déjà ce code.");
        }
        Name(errors, nameof(input.Name), input.Name);
        if (!await db.Sectors.AnyAsync(s => s.Id == input.SectorId, ct))
        {
            errors.Add(nameof(input.SectorId), "Choisissez le secteur du territoire.");
        }
        errors.ThrowIfAny();
        var territory = id is { } existing
            ? await db.Territories.SingleOrDefaultAsync(t => t.Id == existing, ct) ?? throw new NotFoundException("Ce territoire n'existe pas.")
            : db.Territories.Add(new Territory { Code = "", Name = "", Number = (await db.Territories.MaxAsync(t => (int?)t.Number, ct) ?? 0) + 1 }).Entity;
        db.Entry(territory).Property(t => t.Version).OriginalValue = id is null ? territory.Version : input.Version;
        territory.Code = code;
        territory.Name = input.Name.Trim();
        territory.SectorId = input.SectorId;
        await db.SaveOrConflictAsync(ct);
        return territory.Id;
    }

    public async Task SetTerritoryArchivedAsync(int id, bool archived, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var territory = await db.Territories.SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Ce territoire n'existe pas.");
        territory.ArchivedAt = archived ? clock.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes a territory that holds nothing (a typo just made); one with data is archived instead.</summary>
    public async Task DeleteTerritoryAsync(int id, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var territory = await db.Territories.SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Ce territoire n'existe pas.");
        if ((await TerritoriesWithDataAsync(db, ct)).Contains(id) || await db.CoordinatorTerritories.AnyAsync(c => c.TerritoryId == id, ct))
        {
            throw new ScopeViolationException(
                $"Le territoire {territory.Name} a des données (activités, annuaire, finances, pièces, réunions ou coordinateurs) : il ne peut pas être supprimé. Archivez-le : son historique reste consultable.");
        }
        db.Territories.Remove(territory);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Creates (<paramref name="id"/> null) or renames a sector; returns its id.</summary>
    public async Task<int> SaveSectorAsync(int? id, SectorInput input, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        Name(errors, nameof(input.Name), input.Name);
        errors.ThrowIfAny();
        var sector = id is { } existing
            ? await db.Sectors.SingleOrDefaultAsync(s => s.Id == existing, ct) ?? throw new NotFoundException("Ce secteur n'existe pas.")
            : db.Sectors.Add(new Sector { Name = "", Number = (await db.Sectors.MaxAsync(s => (int?)s.Number, ct) ?? 0) + 1 }).Entity;
        db.Entry(sector).Property(s => s.Version).OriginalValue = id is null ? sector.Version : input.Version;
        sector.Name = input.Name.Trim();
        await db.SaveOrConflictAsync(ct);
        return sector.Id;
    }

    /// <summary>A sector with territories is archived (kept), an empty one deleted.</summary>
    public async Task ArchiveOrDeleteSectorAsync(int id, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var sector = await db.Sectors.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Ce secteur n'existe pas.");
        if (await db.Territories.AnyAsync(t => t.SectorId == id, ct))
        {
            sector.ArchivedAt = sector.ArchivedAt is null ? clock.GetUtcNow().UtcDateTime : null;
        }
        else
        {
            db.Sectors.Remove(sector);
        }
        await db.SaveChangesAsync(ct);
    }

    private static void Name(FieldErrors errors, string field, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(field, "Le nom est obligatoire.");
        }
        else if (TextRules.Problem(name, "Nom", TextLimits.Name) is { } problem)
        {
            errors.Add(field, problem);
        }
    }

    /// <summary>Territories that hold something: activities, centres, members, partners, budget, expenses, evidence, meetings.</summary>
    private static async Task<HashSet<int>> TerritoriesWithDataAsync(AppDbContext db, CancellationToken ct)
    {
        var ids = await db.Activities.Select(a => a.TerritoryId).Distinct()
            .Union(db.Centres.Select(c => c.TerritoryId).Distinct())
            .Union(db.Members.Select(m => m.TerritoryId).Distinct())
            .Union(db.Partners.Where(p => p.TerritoryId != null).Select(p => p.TerritoryId!.Value).Distinct())
            .Union(db.Expenses.Select(e => e.TerritoryId).Distinct())
            .Union(db.BudgetLines.Where(b => b.TerritoryId != null).Select(b => b.TerritoryId!.Value).Distinct())
            .Union(db.EvidenceDocuments.Where(e => e.TerritoryId != null).Select(e => e.TerritoryId!.Value).Distinct())
            .Union(db.Meetings.Where(m => m.TerritoryId != null).Select(m => m.TerritoryId!.Value).Distinct())
            .ToListAsync(ct);
        return ids.ToHashSet();
    }
}
