using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Closing;

/// <summary>
/// Which months of a period are approved (ADR 027), for dashboards, reports and the payment-claim dossier: a month
/// counts once it is over and an operation covers it; it is validated when every territory of the scope approved it.
/// </summary>
public sealed record MonthValidation(DateOnly? ValidatedThrough, IReadOnlyList<DateOnly> OpenMonths, bool AnyEnded)
{
    /// <summary>« Chiffres validés jusqu'à février 2023 ; pas encore validés : mars 2023. »</summary>
    public string Sentence
    {
        get
        {
            if (!AnyEnded)
            {
                return "Chiffres provisoires : aucun mois de la période n'est encore terminé.";
            }
            var open = OpenMonths.Count == 0 ? null : Months(OpenMonths);
            return (ValidatedThrough, open) switch
            {
                ({ } through, null) => $"Chiffres validés jusqu'à {French.MonthYear(through)}.",
                ({ } through, _) => $"Chiffres validés jusqu'à {French.MonthYear(through)} ; pas encore validés : {open}.",
                _ => $"Chiffres pas encore validés : {open}.",
            };
        }
    }

    /// <summary>True when a month of the period that is over has not been approved.</summary>
    public bool IsProvisional => OpenMonths.Count > 0;

    /// <summary>« mars 2023, avril 2023 », or « 8 mois, de mai à décembre 2023 » when there are more than three.</summary>
    public static string Months(IReadOnlyList<DateOnly> months) => months.Count <= 3
        ? string.Join(", ", months.Select(French.MonthYear))
        : $"{months.Count} mois, de {French.MonthYear(months[0])} à {French.MonthYear(months[^1])}";

    /// <summary>The period's validation for one territory, or every territory when <paramref name="territoryId"/> is null.</summary>
    internal static async Task<MonthValidation> ReadAsync(AppDbContext db, DateOnly from, DateOnly to, int? territoryId, DateOnly today, CancellationToken ct)
    {
        var months = await EndedMonthsAsync(db, from, to, today, ct);
        if (months.Count == 0)
        {
            return new MonthValidation(null, [], false);
        }
        var territories = territoryId is null ? await db.Territories.CountAsync(ct) : 1;
        var (first, last) = (months[0], months[^1]);
        var approved = await db.MonthCloses.AsNoTracking()
            .Where(m => m.Status == MonthCloseStatus.Approved && m.Month >= first && m.Month <= last && (territoryId == null || m.TerritoryId == territoryId))
            .GroupBy(m => m.Month).Select(g => new { Month = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var done = approved.Where(a => a.Count >= territories).Select(a => a.Month).ToHashSet();
        DateOnly? through = null;
        foreach (var month in months.TakeWhile(done.Contains))
        {
            through = month;
        }
        return new MonthValidation(through, [.. months.Where(m => !done.Contains(m))], true);
    }

    /// <summary>Per territory (by number), the months of the period that are over and not approved; territories with none left out.</summary>
    internal static async Task<IReadOnlyList<(string Territory, IReadOnlyList<DateOnly> Months)>> OpenByTerritoryAsync(
        AppDbContext db, DateOnly from, DateOnly to, DateOnly today, CancellationToken ct)
    {
        var months = await EndedMonthsAsync(db, from, to, today, ct);
        if (months.Count == 0)
        {
            return [];
        }
        var (first, last) = (months[0], months[^1]);
        var approved = (await db.MonthCloses.AsNoTracking()
                .Where(m => m.Status == MonthCloseStatus.Approved && m.Month >= first && m.Month <= last)
                .Select(m => new { m.TerritoryId, m.Month }).ToListAsync(ct))
            .Select(m => (m.TerritoryId, m.Month)).ToHashSet();
        var territories = await db.Territories.AsNoTracking().OrderBy(t => t.Number).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        return [.. territories
            .Select(t => (t.Name, (IReadOnlyList<DateOnly>)[.. months.Where(m => !approved.Contains((t.Id, m)))]))
            .Where(t => t.Item2.Count > 0)];
    }

    /// <summary>The first days of the months of [from, to] that are over and that an operation covers, in order.</summary>
    private static async Task<List<DateOnly>> EndedMonthsAsync(AppDbContext db, DateOnly from, DateOnly to, DateOnly today, CancellationToken ct)
    {
        var operations = await db.OperationPeriodsAsync(ct);
        var months = new List<DateOnly>();
        for (var month = MonthClosing.MonthOf(from); month <= to; month = month.AddMonths(1))
        {
            if (MonthClosing.IsClosable(month, today, operations))
            {
                months.Add(month);
            }
        }
        return months;
    }
}
