using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Workstreams;

public sealed record WorkstreamInput
{
    public string Name { get; set; } = "";
    public string ShortName { get; set; } = "";
    public IReadOnlyList<string> CoAnimatorIds { get; set; } = [];
    public long Version { get; set; }
}

public sealed record WorkstreamSetupRow(int Id, int Number, WorkstreamInput Input, IReadOnlyList<string> CoAnimatorNames);

/// <summary>
/// The three workstreams' titles and co-animating coordinators, edited by the project lead and the admin (issue 20
/// point 7; until then set by seed data only). Co-animators manage the workstream's deliverables and meetings.
/// </summary>
public sealed class WorkstreamSetupService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users)
{
    public async Task<IReadOnlyList<WorkstreamSetupRow>> ListAsync(CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Workstreams.AsNoTracking().OrderBy(w => w.Number).Select(w => new
        {
            w.Id, w.Number, w.Name, w.ShortName, w.Version,
            CoAnimators = db.WorkstreamCoordinators.Where(c => c.WorkstreamId == w.Id).OrderBy(c => c.User!.DisplayName)
                .Select(c => new { c.UserId, c.User!.DisplayName }).ToList(),
        }).ToListAsync(ct);
        return rows.Select(w => new WorkstreamSetupRow(w.Id, w.Number,
            new WorkstreamInput { Name = w.Name, ShortName = w.ShortName, CoAnimatorIds = w.CoAnimators.Select(c => c.UserId).ToList(), Version = w.Version },
            w.CoAnimators.Select(c => c.DisplayName).ToList())).ToList();
    }

    /// <summary>Title, short name and co-animators (coordinators' accounts only), over the version the form loaded.</summary>
    public async Task UpdateAsync(int id, WorkstreamInput input, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var workstream = await db.Workstreams.SingleOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("Ce chantier n'existe pas.");
        var errors = new Network.FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Name) || TextRules.Problem(input.Name, "Intitulé", TextLimits.Title) is not null)
        {
            errors.Add(nameof(input.Name), TextRules.Problem(input.Name, "Intitulé", TextLimits.Title) ?? "L'intitulé est obligatoire.");
        }
        if (string.IsNullOrWhiteSpace(input.ShortName) || TextRules.Problem(input.ShortName, "Nom court", 60) is not null)
        {
            errors.Add(nameof(input.ShortName), TextRules.Problem(input.ShortName, "Nom court", 60) ?? "Le nom court (menu) est obligatoire.");
        }
        var wanted = input.CoAnimatorIds.Distinct().ToList();
        var coordinators = await db.CoordinatorTerritories.Where(c => wanted.Contains(c.UserId)).Select(c => c.UserId).Distinct().CountAsync(ct);
        if (coordinators != wanted.Count)
        {
            errors.Add(nameof(input.CoAnimatorIds), "Un chantier est co-animé par des coordinateurs (comptes de la coordination territoriale).");
        }
        errors.ThrowIfAny();
        db.Entry(workstream).Property(w => w.Version).OriginalValue = input.Version;
        workstream.Name = input.Name.Trim();
        workstream.ShortName = input.ShortName.Trim();
        // The version moves even when only the co-animators change: a second form open on the old list is a conflict.
        db.Entry(workstream).State = EntityState.Modified;
        var current = await db.WorkstreamCoordinators.Where(c => c.WorkstreamId == id).ToListAsync(ct);
        db.WorkstreamCoordinators.RemoveRange(current.Where(c => !wanted.Contains(c.UserId)));
        db.WorkstreamCoordinators.AddRange(wanted.Except(current.Select(c => c.UserId)).Select(u => new WorkstreamCoordinator { WorkstreamId = id, UserId = u }));
        await db.SaveOrConflictAsync(ct);
    }
}
