using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Tools;
using CscDashboard.Web.Hosting;
using Microsoft.Data.Sqlite;

namespace CscDashboard.Web.Cli;

/// <summary>
/// <c>seed [--demo] [--data-dir DIR]</c>: migrations and reference data; with --demo, the demo data and accounts.
/// <c>seed --scale national --data-dir DIR [--force] [--activities N]</c>: a national-size database in a new directory.
/// </summary>
public static class SeedVerb
{
    public static async Task<int> RunAsync(VerbArguments args, IServiceProvider services)
    {
        if (args.Options.TryGetValue("scale", out var scale))
        {
            return await SeedNationalAsync(args, services, scale);
        }
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var storage = services.GetRequiredService<StorageOptions>();
        Console.WriteLine(services.GetRequiredService<DatabaseOptions>().IsPostgres
            ? "Base de données PostgreSQL à jour."
            : $"Base de données à jour : {storage.DatabasePath}");
        if (!args.Flags.Contains("demo"))
        {
            return 0;
        }
        var password = services.GetRequiredService<IConfiguration>()["Seed:DemoPassword"];
        if (string.IsNullOrWhiteSpace(password))
        {
            throw new InvalidOperationException("Seed:DemoPassword n'est pas défini (appsettings.Development.json ou variable d'environnement Seed__DemoPassword).");
        }
        var accounts = await services.GetRequiredService<DemoDataSeeder>().SeedAsync(password);
        DemoAccounts.Print(accounts, password);
        return 0;
    }

    private static async Task<int> SeedNationalAsync(VerbArguments args, IServiceProvider services, string scaleName)
    {
        if (!string.Equals(scaleName, "national", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Échelle « {scaleName} » inconnue : seule --scale national existe.");
        }
        var database = services.GetRequiredService<DatabaseOptions>();
        if (!args.Options.ContainsKey("data-dir") && !database.IsPostgres)
        {
            throw new ArgumentException("--scale national demande --data-dir DIR : un dossier vide ou nouveau, jamais celui de l'application.");
        }
        var scale = NationalScale.National;
        if (args.Options.TryGetValue("activities", out var activities))
        {
            scale = scale with
            {
                Activities = int.TryParse(activities, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                : throw new ArgumentException($"--activities attend un nombre entier, pas « {activities} ».")
            };
        }

        var storage = services.GetRequiredService<StorageOptions>();
        if (database.IsPostgres && args.Flags.Contains("force"))
        {
            throw new ArgumentException("--force remplace un fichier SQLite ; sur PostgreSQL, créez une base vide (dropdb puis createdb).");
        }
        if (!database.IsPostgres && File.Exists(storage.DatabasePath))
        {
            if (!args.Flags.Contains("force"))
            {
                throw new InvalidOperationException($"{storage.DatabasePath} existe déjà : choisissez un dossier vide, ou ajoutez --force pour le remplacer.");
            }
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(storage.DatabasePath + suffix);
            }
            Console.WriteLine($"Ancienne base supprimée (--force) : {storage.DatabasePath}");
        }

        var watch = Stopwatch.StartNew();
        Console.WriteLine($"Jeu national : {French.PlainNumber(scale.Territories)} territoires, {French.PlainNumber(scale.Centres)} centres, {French.PlainNumber(scale.Members)} membres, "
            + $"{French.PlainNumber(scale.Activities)} activités du {NationalDataSeeder.FirstDay:dd/MM/yyyy} au {NationalDataSeeder.LastDay:dd/MM/yyyy}");
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var configured = services.GetRequiredService<IConfiguration>()["Seed:DemoPassword"];
        var password = string.IsNullOrWhiteSpace(configured) ? NewPassword() : configured;
        var result = await services.GetRequiredService<NationalDataSeeder>().SeedAsync(scale, password, Console.WriteLine);
        watch.Stop();

        Console.WriteLine(database.IsPostgres
            ? "Base nationale prête (PostgreSQL)."
            : $"Base nationale prête : {storage.DatabasePath} ({new FileInfo(storage.DatabasePath).Length / (1024 * 1024)} Mo)");
        Console.WriteLine($"Comptes : coord.n001@{NationalDataSeeder.Domain} … coord.n{result.Accounts:000}@{NationalDataSeeder.Domain} "
            + $"(coordinateurs), mot de passe commun : {(string.IsNullOrWhiteSpace(configured) ? password : "Seed:DemoPassword")}");
        Console.WriteLine($"Durée totale : {watch.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    /// <summary>Without a configured demo password (Production), the accounts get a random one, printed once.</summary>
    private static string NewPassword() => "Nat-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)) + "-a1";
}
