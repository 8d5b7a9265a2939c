using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Lookups;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Workstreams;

/// <summary>
/// The monitoring (<i>veille</i>) of a workstream: shared by every territory, read by staff, written
/// by any coordinator, the project lead and the admin; the author is the caller (ADR 003).
/// </summary>
public sealed class WatchItemService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    /// <summary>How many tags the filter chips offer.</summary>
    public const int MaxTagChoices = 30;

    /// <summary>
    /// Newest first. The search matches title, summary or tags and is case-insensitive for ASCII letters
    /// (SQLite LIKE); the tag filter matches one whole tag.
    /// </summary>
    public async Task<PagedResult<WatchItemRow>> ListAsync(int workstreamId, WatchItemFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var user = users.Current;
        WorkstreamAccess.EnsureCanReadDetails(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var isCoAnimator = await WorkstreamService.IsCoAnimatorAsync(db, workstreamId, user.UserId, ct);

        var query = db.WatchItems.AsNoTracking().Where(w => w.WorkstreamId == workstreamId);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = LookupService.Like(filter.Search);
            query = query.Where(w => EF.Functions.Like(w.Title, pattern, "\\")
                || (w.Summary != null && EF.Functions.Like(w.Summary, pattern, "\\"))
                || (w.Tags != null && EF.Functions.Like(w.Tags, pattern, "\\")));
        }
        if (!string.IsNullOrWhiteSpace(filter.Tag))
        {
            // Tags are stored "a,b,c": a whole tag is ",tag," inside ",a,b,c,".
            var tagPattern = "%," + EscapeLike(filter.Tag.Trim()) + ",%";
            query = query.Where(w => w.Tags != null && EF.Functions.Like("," + w.Tags + ",", tagPattern, "\\"));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(w => w.Date).ThenByDescending(w => w.Id)
            .Skip(page.Skip).Take(page.Take)
            .Select(w => new { w.Id, w.Title, w.Url, w.Summary, w.Tags, w.Date, w.AuthorId, Author = w.Author!.DisplayName, w.Version })
            .ToListAsync(ct);
        var items = rows.Select(w => new WatchItemRow(w.Id, w.Title, w.Url, w.Summary, WorkstreamRules.ParseTags(w.Tags), w.Date, w.Author, w.Version,
            WorkstreamAccess.CanEditWatchItem(user, w.AuthorId, isCoAnimator))).ToList();
        return new PagedResult<WatchItemRow>(items, total);
    }

    /// <summary>
    /// The workstream's tags, most used first. Tags live in one comma-separated column: the column is
    /// read (a few hundred short strings per workstream at most) and split here.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(int workstreamId, CancellationToken ct = default)
    {
        WorkstreamAccess.EnsureCanReadDetails(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var columns = await db.WatchItems.AsNoTracking().Where(w => w.WorkstreamId == workstreamId && w.Tags != null)
            .Select(w => w.Tags!).ToListAsync(ct);
        return columns.SelectMany(WorkstreamRules.ParseTags)
            .GroupBy(t => t.ToLowerInvariant())
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Create(French.Culture, true))
            .Take(MaxTagChoices)
            .Select(g => g.First())
            .ToList();
    }

    /// <summary>The form of an item shown in the list (tags as typed: "a, b").</summary>
    public static WatchItemInput ToInput(WatchItemRow row) => new()
    {
        Title = row.Title,
        Url = row.Url,
        Summary = row.Summary,
        Tags = string.Join(", ", row.Tags),
        Date = row.Date,
        Version = row.Version,
    };

    public async Task<int> CreateAsync(int workstreamId, WatchItemInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        WorkstreamAccess.EnsureCanAddWatchItems(user);
        WorkstreamRules.Validate(input, clock.Today()).ThrowIfAny();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Workstreams.AnyAsync(w => w.Id == workstreamId, ct))
        {
            throw new NotFoundException("Ce chantier n'existe pas.");
        }
        var item = new WatchItem { WorkstreamId = workstreamId, Title = "", AuthorId = user.UserId! };
        Apply(input, item);
        db.WatchItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    /// <summary>Saves the form over the version it loaded; returns the new version. The author stays the one who added it.</summary>
    public async Task<long> UpdateAsync(int id, WatchItemInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        await using var db = await factory.CreateDbContextAsync(ct);
        var item = await LoadForWriteAsync(db, id, user, ct);
        WorkstreamRules.Validate(input, clock.Today()).ThrowIfAny();
        db.Entry(item).Property(w => w.Version).OriginalValue = input.Version;
        Apply(input, item);
        await db.SaveOrConflictAsync(ct);
        return item.Version;
    }

    public async Task DeleteAsync(int id, long version, CancellationToken ct = default)
    {
        var user = users.Current;
        await using var db = await factory.CreateDbContextAsync(ct);
        var item = await LoadForWriteAsync(db, id, user, ct);
        db.Entry(item).Property(w => w.Version).OriginalValue = version;
        db.WatchItems.Remove(item);
        await db.SaveOrConflictAsync(ct);
    }

    private static async Task<WatchItem> LoadForWriteAsync(AppDbContext db, int id, CurrentUser user, CancellationToken ct)
    {
        WorkstreamAccess.EnsureCanReadDetails(user);
        var item = await db.WatchItems.SingleOrDefaultAsync(w => w.Id == id, ct)
            ?? throw new NotFoundException("Cet élément de veille n'existe pas ou a été supprimé.");
        var isCoAnimator = await WorkstreamService.IsCoAnimatorAsync(db, item.WorkstreamId, user.UserId, ct);
        WorkstreamAccess.EnsureCanEditWatchItem(user, item.AuthorId, isCoAnimator);
        return item;
    }

    private static void Apply(WatchItemInput input, WatchItem item)
    {
        item.Title = input.Title.Trim();
        item.Url = Clean(input.Url);
        item.Summary = Clean(input.Summary);
        item.Tags = WorkstreamRules.JoinTags(WorkstreamRules.ParseTags(input.Tags));
        item.Date = input.Date!.Value;
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
