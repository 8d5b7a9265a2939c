using CscDashboard.Core.Backups;
using CscDashboard.Core.Data;

namespace CscDashboard.Web.Cli;

/// <summary>
/// <c>backup [--data-dir DIR] --out FILE.zip</c> and <c>restore FILE.zip [--data-dir DIR] [--force]</c>
/// (see <see cref="BackupService"/> and <see cref="RestoreService"/>). Restore refuses a data directory that holds data unless --force;
/// stop the app before restoring.
/// </summary>
public static class BackupVerbs
{
    public static async Task<int> BackupAsync(VerbArguments args, IServiceProvider services)
    {
        if (!args.Options.TryGetValue("out", out var output))
        {
            throw new ArgumentException("Usage : backup [--data-dir DOSSIER] --out FICHIER.zip");
        }
        var manifest = await services.GetRequiredService<BackupService>().CreateAsync(output);
        Console.WriteLine($"Sauvegarde écrite : {Path.GetFullPath(output)} ({new FileInfo(output).Length / 1024} Ko) — "
                          + $"{manifest.Tables.Values.Sum()} lignes dans {manifest.Tables.Count} tables, {manifest.Files.Count} fichiers.");
        return 0;
    }

    public static async Task<int> RestoreAsync(VerbArguments args, IServiceProvider services)
    {
        if (args.Positional.Count != 1)
        {
            throw new ArgumentException("Usage : restore FICHIER.zip [--data-dir DOSSIER] [--force]");
        }
        var manifest = await services.GetRequiredService<RestoreService>().RestoreAsync(args.Positional[0], args.Flags.Contains("force"));
        var storage = services.GetRequiredService<StorageOptions>();
        Console.WriteLine($"Sauvegarde du {manifest.CreatedAt.ToLocalTime():dd/MM/yyyy HH:mm} restaurée dans {storage.FullDataDirectory} : "
                          + $"{manifest.Tables.Values.Sum()} lignes, {manifest.Files.Count} fichiers, intégrité vérifiée.");
        return 0;
    }
}
