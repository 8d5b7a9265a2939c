using CscDashboard.Core;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Web.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CscDashboard.Web.Cli;

/// <summary>
/// Command-line verbs (<c>dotnet run --project CscDashboard.Web -- VERB …</c>). Each builds a small
/// host with the Core services (no web server), does its work as a named system user, and exits.
/// </summary>
public static class CommandLine
{
    private sealed record Verb(Func<VerbArguments, IServiceProvider, Task<int>> Run, string Summary);

    /// <summary>Every verb, in the order <c>--help</c> lists them, with one line of French (the README gives their options).</summary>
    private static readonly Dictionary<string, Verb> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["seed"] = new(SeedVerb.RunAsync, "crée ou met à jour la base (référentiel, données de démonstration ou base nationale)"),
        ["account"] = new(AccountVerb.RunAsync, "crée un compte ou lui donne un nouveau mot de passe, affiché une fois"),
        ["token"] = new(TokenVerb.RunAsync, "crée un jeton d'accès à l'API pour un compte, affiché une fois"),
        ["report"] = new(ReportVerb.RunAsync, "produit un bilan PDF sans passer par l'application"),
        ["backup"] = new(BackupVerbs.BackupAsync, "sauvegarde la base et les fichiers dans une archive"),
        ["restore"] = new(BackupVerbs.RestoreAsync, "restaure une sauvegarde, application arrêtée"),
        ["bench"] = new(BenchVerb.RunAsync, "mesure les temps des tableaux de bord et des bilans"),
        ["stress"] = new(StressVerb.RunAsync, "écrit en parallèle pour éprouver la base"),
        ["copy-to-postgres"] = new(CopyToPostgresVerb.RunAsync, "copie une base SQLite dans PostgreSQL"),
    };

    private static readonly HashSet<string> HelpWords = new(StringComparer.OrdinalIgnoreCase) { "help", "--help", "-h", "-?", "/?" };

    /// <summary>Verbs that work on a data directory that may not hold a database yet.</summary>
    private static readonly HashSet<string> CreatingVerbs = new(StringComparer.OrdinalIgnoreCase) { "seed", "restore" };

    /// <summary>
    /// True when the arguments are for the command line rather than the web server: a verb, a request for
    /// help, or a first word that is not an option (an unknown verb, answered with the list instead of
    /// silently starting the server). Options such as <c>--urls</c> alone still start the web app.
    /// </summary>
    public static bool Handles(string[] args) =>
        args.Length > 0 && (HelpWords.Contains(args[0]) || !args[0].StartsWith('-'));

    /// <summary>The verbs, one line each, as <c>--help</c> prints them.</summary>
    public static string HelpText()
    {
        var width = Verbs.Keys.Max(k => k.Length);
        var lines = Verbs.Select(v => $"  {v.Key.PadRight(width)}  {v.Value.Summary}");
        return "CscDashboard : sans argument, démarre l'application web.\n"
            + "Usage : dotnet run --project CscDashboard.Web -- COMMANDE [options]\n\n"
            + "Commandes :\n" + string.Join("\n", lines) + "\n\n"
            + "Options communes : --data-dir DIR (dossier de données), --provider sqlite|postgres [--connection \"…\"].\n"
            + "Les options de chaque commande sont décrites dans README.md (« Commandes en ligne »).\n";
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (HelpWords.Contains(args[0]) || (Verbs.ContainsKey(args[0]) && args.Skip(1).Any(HelpWords.Contains)))
        {
            Console.Out.Write(HelpText());
            return 0;
        }
        if (!Verbs.ContainsKey(args[0]))
        {
            await Console.Error.WriteLineAsync($"Commande inconnue « {args[0]} ».\n");
            await Console.Error.WriteAsync(HelpText());
            return 2;
        }
        VerbArguments arguments;
        try
        {
            arguments = VerbArguments.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        // Same environment as the web app under `dotnet run` (launchSettings sets ASPNETCORE_ENVIRONMENT).
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = environment });
        var settingsDirectory = AppSettings.Apply(builder.Configuration, builder.Environment.EnvironmentName);
        var storage = WebHost.ResolveStorage(builder.Configuration, settingsDirectory);
        if (arguments.Options.TryGetValue("data-dir", out var dataDir))
        {
            storage = StorageOptions.Resolve(dataDir, Directory.GetCurrentDirectory());
        }
        DatabaseOptions database;
        try
        {
            database = ResolveDatabase(arguments, builder.Configuration);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"Erreur : {ex.Message}");
            return 2;
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCscCore(storage, database);
        // A verb computes each dashboard it asks for (bench times them); the shared cache is for a server's circuits (ADR 035).
        builder.Services.Replace(ServiceDescriptor.Singleton(new DashboardCacheOptions { CacheCapacity = 0 }));
        builder.Services.AddSingleton<ICurrentUserAccessor>(new FixedCurrentUserAccessor(CurrentUser.System($"cli:{arguments.Verb}")));
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        try
        {
            using var hold = HoldDataDirectory(arguments, storage, database);
            if (!CreatingVerbs.Contains(arguments.Verb))
            {
                if (!database.IsPostgres && !File.Exists(storage.DatabasePath))
                {
                    throw new ArgumentException($"Aucune base de données dans {storage.FullDataDirectory} : créez-la d'abord avec « seed ».");
                }
                // Bring an older database up to date before reading it.
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            }
            return await Verbs[arguments.Verb].Run(arguments, scope.ServiceProvider);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ValidationFailedException)
        {
            await Console.Error.WriteLineAsync($"Erreur : {ex.Message}");
            return 1;
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await Console.Error.WriteLineAsync($"Erreur PostgreSQL : {ex.Message}");
            return 1;
        }
    }

    /// <summary>
    /// The verbs that replace or copy the SQLite file whole take the data directory's lock (ADR 019): a running app
    /// would go on writing to the file they replace, or after the copy, and those writes would be lost. The others
    /// (backup through SQLite's backup API, account, report, stress, bench, seed without --scale) write through the
    /// database like the app does and may run beside it. A directory that does not exist yet has no app on it.
    /// </summary>
    private static DataDirectoryLock? HoldDataDirectory(VerbArguments arguments, StorageOptions storage, DatabaseOptions database)
    {
        var exclusive = arguments.Verb switch
        {
            "restore" => !database.IsPostgres,
            "copy-to-postgres" => true,
            "seed" => arguments.Options.ContainsKey("scale") && !database.IsPostgres,
            _ => false,
        };
        if (!exclusive || !Directory.Exists(storage.FullDataDirectory))
        {
            return null;
        }
        return DataDirectoryLock.Acquire(storage.FullDataDirectory, arguments.Verb == "restore"
            ? "arrêtez-la avant « restore » (elle continuerait d'écrire dans la base remplacée et ces écritures seraient perdues), "
              + "ou restaurez depuis la page « Sauvegardes » de l'administration. Rien n'a été modifié."
            : $"arrêtez-la avant « {arguments.Verb} » (les écritures faites pendant ou après seraient perdues). Rien n'a été modifié.");
    }

    /// <summary>
    /// The database of appsettings.json (<c>Database:Provider</c>), or the one named on the command line:
    /// <c>--provider postgres --connection "Host=…"</c> (the connection defaults to <c>ConnectionStrings:Postgres</c>)
    /// or <c>--provider sqlite</c> (the data directory's csc.db). copy-to-postgres reads its own <c>--connection</c>: its source is SQLite.
    /// </summary>
    private static DatabaseOptions ResolveDatabase(VerbArguments arguments, IConfiguration configuration)
    {
        if (arguments.Verb == "copy-to-postgres")
        {
            return DatabaseOptions.Sqlite;
        }
        if (!arguments.Options.TryGetValue("provider", out var provider))
        {
            return WebHost.ResolveDatabase(configuration);
        }
        return DatabaseOptions.From(provider, arguments.Options.GetValueOrDefault("connection")
            ?? configuration.GetConnectionString(DatabaseOptions.PostgresConnectionName));
    }
}

/// <summary>A verb, its <c>--name value</c> options and its <c>--flag</c> switches.</summary>
public sealed record VerbArguments(string Verb, IReadOnlyDictionary<string, string> Options, IReadOnlySet<string> Flags, IReadOnlyList<string> Positional)
{
    public static VerbArguments Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var positional = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }
            var name = args[i][2..];
            if (name.Length == 0)
            {
                throw new ArgumentException("Option vide « -- ».");
            }
            if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options[name] = args[++i];
            }
            else
            {
                flags.Add(name);
            }
        }
        return new VerbArguments(args[0].ToLowerInvariant(), options, flags, positional);
    }
}
