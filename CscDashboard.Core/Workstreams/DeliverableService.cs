using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Workstreams;

/// <summary>
/// The deliverables of a workstream: read by staff; created, edited and deleted only by the
/// workstream's co-animating coordinators, the project lead and the admin (ADR 003).
/// </summary>
public sealed class DeliverableService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    /// <summary>By due date; a deliverable past its due date and neither delivered nor cancelled is late.</summary>
    public async Task<DeliverableList> ListAsync(int workstreamId, CancellationToken ct = default)
    {
        var user = users.Current;
        WorkstreamAccess.EnsureCanReadDetails(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var items = await db.Deliverables.AsNoTracking().Where(d => d.WorkstreamId == workstreamId)
            .OrderBy(d => d.DueDate).ThenBy(d => d.Title).ThenBy(d => d.Id)
            .Select(d => new DeliverableRow(d.Id, d.Title, d.DueDate, d.Status, d.Document != null ? d.Document.OriginalName : null, d.Version,
                d.DueDate < today && d.Status != DeliverableStatus.Delivered && d.Status != DeliverableStatus.Cancelled))
            .ToListAsync(ct);
        var isCoAnimator = await WorkstreamService.IsCoAnimatorAsync(db, workstreamId, user.UserId, ct);
        return new DeliverableList(items, WorkstreamAccess.CanManageDeliverables(user, isCoAnimator));
    }

    public static DeliverableInput ToInput(DeliverableRow row) =>
        new() { Title = row.Title, DueDate = row.DueDate, Status = row.Status, Version = row.Version };

    public async Task<int> CreateAsync(int workstreamId, DeliverableInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        WorkstreamAccess.EnsureCanReadDetails(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Workstreams.AnyAsync(w => w.Id == workstreamId, ct))
        {
            throw new NotFoundException("Ce chantier n'existe pas.");
        }
        WorkstreamAccess.EnsureCanManageDeliverables(user, await WorkstreamService.IsCoAnimatorAsync(db, workstreamId, user.UserId, ct));
        WorkstreamRules.Validate(input).ThrowIfAny();
        var deliverable = new Deliverable { WorkstreamId = workstreamId, Title = "" };
        Apply(input, deliverable);
        db.Deliverables.Add(deliverable);
        await db.SaveChangesAsync(ct);
        return deliverable.Id;
    }

    /// <summary>Saves the form over the version it loaded; returns the new version.</summary>
    public async Task<long> UpdateAsync(int id, DeliverableInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var deliverable = await LoadForWriteAsync(db, id, ct);
        WorkstreamRules.Validate(input).ThrowIfAny();
        db.Entry(deliverable).Property(d => d.Version).OriginalValue = input.Version;
        Apply(input, deliverable);
        await db.SaveOrConflictAsync(ct);
        return deliverable.Version;
    }

    public async Task DeleteAsync(int id, long version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var deliverable = await LoadForWriteAsync(db, id, ct);
        db.Entry(deliverable).Property(d => d.Version).OriginalValue = version;
        db.Deliverables.Remove(deliverable);
        await db.SaveOrConflictAsync(ct);
    }

    private async Task<Deliverable> LoadForWriteAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var user = users.Current;
        WorkstreamAccess.EnsureCanReadDetails(user);
        var deliverable = await db.Deliverables.SingleOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new NotFoundException("Ce livrable n'existe pas ou a été supprimé.");
        WorkstreamAccess.EnsureCanManageDeliverables(user, await WorkstreamService.IsCoAnimatorAsync(db, deliverable.WorkstreamId, user.UserId, ct));
        return deliverable;
    }

    private static void Apply(DeliverableInput input, Deliverable deliverable)
    {
        deliverable.Title = input.Title.Trim();
        deliverable.DueDate = input.DueDate!.Value;
        deliverable.Status = input.Status;
    }
}
