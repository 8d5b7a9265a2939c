using CscDashboard.Core.Closing;
using CscDashboard.Core.Timesheets;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

/// <summary>The month close (issue 18, ADR 027): the grid and a month's page, the steps, the padlocks, signing one's timesheet.</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    /// <summary>A property, not a field: <see cref="Rows"/> (another file of this class) reads it while it is initialised.</summary>
    private static IReadOnlyList<Row> ClosingRows =>
    [
        // ---- Reads: each coordinator their own territories (a month's summary holds finance, evidence and names); never the committee ----
        On<MonthCloseQueries>.Read(nameof(MonthCloseQueries.GridAsync), (s, w) => s.GridAsync(2023),
            ByTerritory(Sees(Data.Art | Data.Lil), Sees(Data.Art), Sees(Data.Lil))),
        On<MonthCloseQueries>.Read(nameof(MonthCloseQueries.GetMonthAsync), (s, w) => s.GetMonthAsync(w.Art, World.ClosingMonth), OwnTerritory(Sees(Data.Art))),
        On<MonthCloseQueries>.Read(nameof(MonthCloseQueries.LockedMonthsAsync), (s, w) => s.LockedMonthsAsync(), Staff(Ok)),

        // ---- Steps: the territory's coordinators (and the lead) submit; the lead (and the admin, the system) approves, returns, reopens ----
        On<MonthCloseService>.Write(nameof(MonthCloseService.SubmitAsync), w => w.ArtMonthAsync(MonthCloseStatus.Open),
            (s, w, _) => s.SubmitAsync(w.Art, World.ClosingMonth, "Mois complet"), OwnTerritory(Ok)),
        On<MonthCloseService>.Write(nameof(MonthCloseService.ApproveAsync), w => w.ArtMonthAsync(MonthCloseStatus.Submitted),
            (s, w, version) => s.ApproveAsync(w.Art, World.ClosingMonth, version, null), Federation(Ok)),
        On<MonthCloseService>.Write(nameof(MonthCloseService.ReturnAsync), w => w.ArtMonthAsync(MonthCloseStatus.Submitted),
            (s, w, _) => s.ReturnAsync(w.Art, World.ClosingMonth, "Il manque une facture."), Federation(Ok)),
        On<MonthCloseService>.Write(nameof(MonthCloseService.ReopenAsync), w => w.ArtMonthAsync(MonthCloseStatus.Approved),
            (s, w, _) => s.ReopenAsync(w.Art, World.ClosingMonth, "Une activité est sur le mauvais territoire."), Federation(Ok)),

        // ---- A person signs their own timesheet in the app (ART's member is the ART coordinator's account); nobody signs for them there ----
        On<TimesheetService>.Write(nameof(TimesheetService.SignAsync), w => w.UnsignedTimesheetAsync(),
            (s, w, hash) => s.SignAsync(w.ArtMember, World.SignedMonth, hash), Cases(No, No, No, No, Ok, No, system: No)),
    ];

    public sealed partial class World
    {
        /// <summary>ART's month the close rows step through (every row puts it back where it needs it).</summary>
        public static readonly DateOnly ClosingMonth = new(2022, 12, 1);
        /// <summary>The month whose timesheet ART's member signs (never closed by the rows).</summary>
        public static readonly DateOnly SignedMonth = new(2023, 1, 1);

        /// <summary>Puts ART's <see cref="ClosingMonth"/> in <paramref name="status"/> (as the system); the version the lead then sees.</summary>
        public async Task<long> ArtMonthAsync(MonthCloseStatus status)
        {
            await using (var db = Ctx.CreateDb())
            {
                await db.MonthCloses.Where(m => m.TerritoryId == Art && m.Month == ClosingMonth).ExecuteDeleteAsync();
            }
            var service = Ctx.Get<MonthCloseService>();
            var queries = Ctx.Get<MonthCloseQueries>();
            if (status != MonthCloseStatus.Open)
            {
                await service.SubmitAsync(Art, ClosingMonth, null);
            }
            if (status == MonthCloseStatus.Approved)
            {
                await service.ApproveAsync(Art, ClosingMonth, (await queries.GetMonthAsync(Art, ClosingMonth)).Version, null);
            }
            return (await queries.GetMonthAsync(Art, ClosingMonth)).Version;
        }

        /// <summary>ART's member's <see cref="SignedMonth"/> without signatures; the hash of its content.</summary>
        public async Task<string> UnsignedTimesheetAsync()
        {
            await using (var db = Ctx.CreateDb())
            {
                await db.TimesheetSignatures.Where(s => s.Timesheet!.MemberId == ArtMember && s.Timesheet.Month == SignedMonth).ExecuteDeleteAsync();
            }
            return (await Ctx.Get<TimesheetService>().BuildAsync(ArtMember, SignedMonth)).ContentSha256;
        }
    }
}
