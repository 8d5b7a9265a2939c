using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Web.Hosting;

namespace CscDashboard.Web.Cli;

/// <summary><c>seed [--demo] [--data-dir DIR]</c>: migrations and reference data; with --demo, the demo data and accounts.</summary>
public static class SeedVerb
{
    public static async Task<int> RunAsync(VerbArguments args, IServiceProvider services)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var storage = services.GetRequiredService<StorageOptions>();
        Console.WriteLine($"Base de données à jour : {storage.DatabasePath}");
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
}
