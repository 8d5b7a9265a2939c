using System.Diagnostics;
using System.Globalization;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Web.Cli;

/// <summary>
/// <c>stress --data-dir DIR [--writers 20] [--seconds 30]</c>: concurrent writers create activities
/// through <see cref="ActivityService"/> (same rules, transactions and audit as the app) and print
/// <c>ack ID</c> the moment each one is committed, so that a test can kill the process at any time
/// and check that every acknowledged activity survived. Ends with a summary; exits 1 if any write failed.
/// </summary>
public static class StressVerb
{
    public const string AccountEmail = "stress@cli.local";

    public static async Task<int> RunAsync(VerbArguments args, IServiceProvider services)
    {
        var writers = PositiveOption(args, "writers", 20);
        var seconds = PositiveOption(args, "seconds", 30);
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var clock = services.GetRequiredService<TimeProvider>();

        var (user, territories, date) = await PrepareAsync(factory, clock);
        ((FixedCurrentUserAccessor)services.GetRequiredService<ICurrentUserAccessor>()).Current = user;
        var activities = services.GetRequiredService<ActivityService>();

        var latencies = new List<double>();
        var errors = new List<string>();
        var output = Console.Out;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    var id = await activities.CreateAsync(new ActivityInput
                    {
                        Date = date,
                        DurationMinutes = 30,
                        TerritoryId = territories[(writer + n) % territories.Count],
                        Type = ActivityType.Coordination,
                        Format = ActivityFormat.Meeting,
                        Place = ActivityPlace.Elsewhere,
                        Title = $"Essai de charge {writer}-{n}",
                    });
                    lock (output)
                    {
                        output.WriteLine($"ack {id}");
                        latencies.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
                catch (Exception ex)
                {
                    lock (output)
                    {
                        errors.Add(ex.Message);
                        Console.Error.WriteLine($"erreur : {ex.GetType().Name} : {ex.Message}");
                    }
                }
            }
        })));

        latencies.Sort();
        var rate = latencies.Count / started.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(French.Culture,
            $"{latencies.Count} activités enregistrées par {writers} écrivains en {started.Elapsed.TotalSeconds:0.0} s ({rate:0} par seconde), "
            + $"latence médiane {Percentile(latencies, 0.5):0} ms, 95e centile {Percentile(latencies, 0.95):0} ms, {French.Plural(errors.Count, "erreur", "erreurs")}."));
        return errors.Count == 0 ? 0 : 1;
    }

    /// <summary>The writers' account (a project lead, created once), the territories and a date inside an operation.</summary>
    private static async Task<(CurrentUser User, List<int> Territories, DateOnly Date)> PrepareAsync(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
    {
        await using var db = await factory.CreateDbContextAsync();
        var territories = await db.Territories.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        var today = clock.Today();
        var operation = await db.Operations.Where(o => o.StartDate <= today).OrderByDescending(o => o.StartDate).FirstOrDefaultAsync()
            ?? throw new InvalidOperationException("La base ne contient aucune opération commencée : lancez d'abord « seed ».");
        var date = operation.EndDate < today ? operation.EndDate : today;

        var account = await db.Users.Where(u => u.Email == AccountEmail).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync();
        if (account is null)
        {
            var created = await UserAccounts.AddAsync(db, AccountEmail, "Essai de charge", Roles.ProjectLead, [],
                Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
            await db.SaveChangesAsync();
            account = new { created.Id, created.DisplayName };
        }
        return (new CurrentUser(account.Id, account.DisplayName, new HashSet<string> { Roles.ProjectLead }, new HashSet<int>()), territories, date);
    }

    private static int PositiveOption(VerbArguments args, string name, int fallback)
    {
        if (!args.Options.TryGetValue(name, out var text))
        {
            return fallback;
        }
        return int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 1000
            ? value
            : throw new ArgumentException($"--{name} attend un nombre entier de 1 à 1000, pas « {text} ».");
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
