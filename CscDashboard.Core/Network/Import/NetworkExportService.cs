using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Network.Import;

/// <summary>
/// Exports the lists with the filters of the page, in the import format (same French headers), as CSV or
/// XLSX. The same read rules as the lists apply: the committee gets no member list.
/// </summary>
public sealed class NetworkExportService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public async Task<ExportFile> ExportCentresAsync(CentreFilter filter, ExportFormat format, CancellationToken ct = default)
    {
        NetworkAccess.EnsureCanRead(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var centres = await CentreService.Filtered(db, filter)
            .OrderBy(c => c.Territory!.Number).ThenBy(c => c.Name)
            .Select(c => new { c.Name, c.Commune, c.Postcode, c.Address, c.Territory!.Code, c.Status, c.CandidateSince, c.EngagedOn, c.WithdrawnOn, c.IsHostCentre })
            .ToListAsync(ct);
        var rows = centres.Select(c => (IReadOnlyList<string?>)
        [
            c.Name, c.Commune, c.Postcode, c.Address, c.Code, NetworkLabels.Of(c.Status),
            CellFormat.Date(c.CandidateSince), CellFormat.Date(c.EngagedOn), CellFormat.Date(c.WithdrawnOn), CellFormat.Bool(c.IsHostCentre),
        ]);
        return File(ImportKind.Centres, format, rows);
    }

    /// <summary>The annual gross cost is finance: left empty on the lines of territories whose finance the caller does not read.</summary>
    public async Task<ExportFile> ExportMembersAsync(MemberFilter filter, ExportFormat format, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanReadMembers(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var members = await MemberService.Filtered(db, filter)
            .OrderBy(m => m.Territory!.Number).ThenBy(m => m.LastName).ThenBy(m => m.FirstName)
            .Select(m => new
            {
                m.FirstName, m.LastName, m.Email, m.Phone, m.Role, m.TerritoryId, m.Territory!.Code, CentreName = m.Centre!.Name,
                m.Assignment, m.AssignmentPercent, m.AnnualGrossCost, m.ActiveFrom, m.ActiveTo,
            })
            .ToListAsync(ct);
        var rows = members.Select(m => (IReadOnlyList<string?>)
        [
            m.FirstName, m.LastName, m.Email, m.Phone, NetworkLabels.Of(m.Role), m.Code, m.CentreName,
            NetworkLabels.Of(m.Assignment), CellFormat.Number(m.AssignmentPercent),
            CellFormat.Number(user.CanReadTerritoryFinance(m.TerritoryId) ? m.AnnualGrossCost : null),
            CellFormat.Date(m.ActiveFrom), CellFormat.Date(m.ActiveTo),
        ]);
        return File(ImportKind.Members, format, rows);
    }

    public async Task<ExportFile> ExportPartnersAsync(PartnerFilter filter, ExportFormat format, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var partners = await PartnerService.Filtered(db, filter)
            .OrderBy(p => p.TerritoryId == null ? 0 : p.Territory!.Number).ThenBy(p => p.Name)
            .Select(p => new { p.Name, p.Kind, Code = p.Territory!.Code, p.ContactName, p.ContactEmail, p.ContactPhone, p.IsCommitteeMember })
            .ToListAsync(ct);
        var names = user.CanSeeNames;
        var rows = partners.Select(p => (IReadOnlyList<string?>)
        [
            p.Name, NetworkLabels.Of(p.Kind), p.Code, names ? p.ContactName : null, names ? p.ContactEmail : null,
            names ? p.ContactPhone : null, CellFormat.Bool(p.IsCommitteeMember),
        ]);
        return File(ImportKind.Partners, format, rows);
    }

    private ExportFile File(ImportKind kind, ExportFormat format, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var (stem, sheet) = NetworkColumns.Names(kind);
        var today = clock.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var content = TabularWriter.Write(format, sheet, NetworkColumns.Headers(kind), rows);
        return new ExportFile($"{stem}_{today}.{format.Extension()}", format.ContentType(), content);
    }
}
