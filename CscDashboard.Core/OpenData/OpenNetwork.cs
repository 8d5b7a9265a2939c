using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.OpenData;

/// <summary>
/// The network directory for the read API (ADR 026): the filters of the directory's pages (<see cref="CentreService"/>,
/// <see cref="PartnerService"/>, <see cref="MemberService"/>), sorted by name, pages of up to 500. Centres and partners
/// for every signed-in role like their services (a partner's contact only where the caller sees names); members, people,
/// only in the territories where the caller sees names, and never their employment cost (finance).
/// </summary>
public sealed class OpenNetwork(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users)
{
    public async Task<ApiList<CentreItem>> CentresAsync(CentreFilter filter, ApiPage page, CancellationToken ct = default)
    {
        NetworkAccess.EnsureCanRead(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = CentreService.Filtered(db, filter);
        var items = await query.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip(page.Skip).Take(page.Take)
            .Select(c => new { c.Id, c.Name, c.Commune, c.Postcode, c.Territory!.Code, TerritoryName = c.Territory.Name, c.Status, c.EngagedOn, c.IsHostCentre, c.ArchivedAt })
            .ToListAsync(ct);
        return new(Math.Max(1, page.Number), page.Take, await query.CountAsync(ct),
            [.. items.Select(c => new CentreItem(c.Id, c.Name, c.Commune, c.Postcode, c.Code, c.TerritoryName, c.Status, NetworkLabels.Of(c.Status),
                c.EngagedOn, c.IsHostCentre, c.ArchivedAt is not null))]);
    }

    public async Task<ApiList<PartnerItem>> PartnersAsync(PartnerFilter filter, ApiPage page, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = PartnerService.Filtered(db, filter);
        var items = await query.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip(page.Skip).Take(page.Take)
            .Select(p => new
            {
                p.Id, p.Name, p.Kind, p.TerritoryId, Code = (string?)p.Territory!.Code, TerritoryName = (string?)p.Territory.Name, p.IsCommitteeMember,
                p.ContactName, p.ContactEmail, p.ContactPhone, p.ArchivedAt,
            }).ToListAsync(ct);
        return new(Math.Max(1, page.Number), page.Take, await query.CountAsync(ct), [.. items.Select(p =>
        {
            var names = OpenDataAccess.SeesNamesIn(user, p.TerritoryId);
            return new PartnerItem(p.Id, p.Name, p.Kind, NetworkLabels.Of(p.Kind), p.Code, p.TerritoryName, p.IsCommitteeMember,
                names ? p.ContactName : null, names ? p.ContactEmail : null, names ? p.ContactPhone : null, p.ArchivedAt is not null);
        })]);
    }

    public async Task<ApiList<MemberItem>> MembersAsync(MemberFilter filter, ApiPage page, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanReadMembers(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = MemberService.Filtered(db, filter);
        if (!user.HasFederationScope)
        {
            var own = user.TerritoryIds.ToList();
            query = query.Where(m => own.Contains(m.TerritoryId));
        }
        var items = await query.OrderBy(m => m.LastName).ThenBy(m => m.FirstName).ThenBy(m => m.Id).Skip(page.Skip).Take(page.Take)
            .Select(m => new
            {
                m.Id, m.FirstName, m.LastName, m.Email, m.Phone, m.Role, m.Territory!.Code, TerritoryName = m.Territory.Name,
                Centre = (string?)m.Centre!.Name, m.Assignment, m.AssignmentPercent, m.ActiveFrom, m.ActiveTo, m.ArchivedAt,
            }).ToListAsync(ct);
        return new(Math.Max(1, page.Number), page.Take, await query.CountAsync(ct),
            [.. items.Select(m => new MemberItem(m.Id, m.FirstName, m.LastName, m.Email, m.Phone, m.Role, NetworkLabels.Of(m.Role), m.Code, m.TerritoryName,
                m.Centre, m.Assignment, NetworkLabels.Of(m.Assignment), m.AssignmentPercent, m.ActiveFrom, m.ActiveTo, m.ArchivedAt is not null))]);
    }
}
