using System.Diagnostics;
using System.Globalization;
using CscDashboard.Core.Common;

namespace CscDashboard.Web.Cli;

/// <summary>
/// The indicators part of <c>bench</c> (issue 17): times the "Indicateurs et cibles" section of each dashboard case
/// (<see cref="Core.Indicators.IndicatorDashboardService"/>, the same warm-up and runs) and gives its share of the
/// dashboard's own median. Target, on the national database: the section of the whole-operation overview costs under 20 %
/// of that overview.
/// </summary>
public static class IndicatorBench
{
    public const double MaxShare = 0.20;

    /// <summary>A dashboard case: its name, the section's call, and the dashboard's median measured just before.</summary>
    public sealed record Case(string Name, Func<Task> Section, double DashboardMedian);

    public static async Task RunAsync(IReadOnlyList<Case> cases, int warmUp, int runs, bool national)
    {
        Console.WriteLine();
        Console.WriteLine($"## Indicateurs et cibles : la section de chaque tableau de bord, médiane et 95e centile de {runs} exécutions après {warmUp} de chauffe");
        Console.WriteLine();
        Console.WriteLine("| case | section median ms | section p95 ms | dashboard median ms | section / dashboard |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var shares = new List<double>();
        foreach (var benchCase in cases)
        {
            var times = new List<double>(runs);
            for (var i = 0; i < warmUp + runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await benchCase.Section();
                if (i >= warmUp)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            var median = BenchVerb.Median(times);
            var share = median / benchCase.DashboardMedian;
            shares.Add(share);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {benchCase.Name} | {median:0.0} | {BenchVerb.Percentile95(times):0.0} | {benchCase.DashboardMedian:0.0} | {share:P0} |"));
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
