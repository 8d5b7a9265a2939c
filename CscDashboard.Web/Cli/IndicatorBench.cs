using System.Diagnostics;
using System.Globalization;
using CscDashboard.Core.Common;

namespace CscDashboard.Web.Cli;

/// <summary>
/// The indicators part of <c>bench</c> (issue 17): times each dashboard case with its "Indicateurs et cibles" section, as the
/// pages ask for it (<c>DashboardService.Get…WithIndicatorsAsync</c>), and alone, run after run in turn (the same warm-up and
/// runs), so that both see the same machine; the section's cost is the difference of the medians. Target, on the national
/// database: the section of the whole-operation overview costs under 20 % of that overview.
/// </summary>
public static class IndicatorBench
{
    public const double MaxShare = 0.20;

    /// <summary>A dashboard case: its name, the dashboard alone, and with its section.</summary>
    public sealed record Case(string Name, Func<Task> Alone, Func<Task> WithSection);

    public static async Task RunAsync(IReadOnlyList<Case> cases, int warmUp, int runs, bool national)
    {
        Console.WriteLine();
        Console.WriteLine($"## Indicateurs et cibles : chaque tableau de bord avec sa section, médiane et 95e centile de {runs} exécutions après {warmUp} de chauffe ; "
            + "la section coûte la différence avec le tableau de bord seul");
        Console.WriteLine();
        Console.WriteLine("| case | with section median ms | with section p95 ms | dashboard median ms | section ms | section / dashboard |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var shares = new List<double>();
        foreach (var benchCase in cases)
        {
            var alone = new List<double>(runs);
            var times = new List<double>(runs);
            for (var i = 0; i < warmUp + runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await benchCase.Alone();
                var aloneMs = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                await benchCase.WithSection();
                if (i >= warmUp)
                {
                    alone.Add(aloneMs);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            var dashboard = BenchVerb.Median(alone);
            var median = BenchVerb.Median(times);
            var section = median - dashboard;
            var share = section / dashboard;
            shares.Add(share);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {benchCase.Name} | {median:0.0} | {BenchVerb.Percentile95(times):0.0} | {dashboard:0.0} | {section:0.0} | {share:P0} |"));
        }
        Console.WriteLine();
        if (national && shares.Count > 0)
        {
            var met = shares[0] < MaxShare;
            Console.WriteLine($"{(met ? "Cible tenue" : "CIBLE MANQUÉE")} : section « Indicateurs et cibles » de la vue d'ensemble sur une opération < 20 % "
                + $"de cette vue d'ensemble ({shares[0].ToString("P0", French.Culture)})");
        }
        else
        {
            Console.WriteLine("La cible de la section « Indicateurs et cibles » (< 20 % de la vue d'ensemble) est fixée pour la base nationale : elle n'est pas jugée sur cette base.");
        }
    }
}
