using System.IO.Compression;
using System.Security.Cryptography;
using CscDashboard.Core.Backups;
using CscDashboard.Core.Data;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Web;

/// <summary>
/// <c>restore</c> never loses writes nor crashes (issue 14, points 3 and 12): refused while an app holds the data
/// directory, allowed once it is gone (even killed, its lock file left behind); a second app on the same SQLite
/// directory refuses to start; a damaged archive ends with a French message, exit 1, and the directory untouched.
/// </summary>
[Collection(ConsoleOutputCollection.Name)]
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class RestoreSafetyTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new("csc-restore-safety");

    private string DataDir => Path.Combine(_scratch.Path, "data");
    private string Archive => Path.Combine(_scratch.Path, "sauvegarde.zip");

    private async Task SeedAndBackUpAsync()
    {
        Assert.Equal(0, (await ConsoleVerb.RunAsync("seed", "--data-dir", DataDir)).Exit);
        Assert.Equal(0, (await ConsoleVerb.RunAsync("backup", "--data-dir", DataDir, "--out", Archive)).Exit);
    }

    private Dictionary<string, string> AppSettings() => new()
    {
        ["Storage:DataDirectory"] = DataDir,
        ["Hangfire:ServerEnabled"] = "false",
        ["Seed:Demo"] = "false",
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    [Fact]
    public async Task Restore_is_refused_while_the_app_runs_and_allowed_once_it_is_killed()
    {
        await SeedAndBackUpAsync();
        var app = await AppProcess.StartAsync(AppSettings());
        try
        {
            var before = await BackupArchive.CountRowsAsync(Path.Combine(DataDir, "csc.db"));

            var (exit, _, errors) = await ConsoleVerb.RunAsync("restore", Archive, "--data-dir", DataDir, "--force");

            Assert.Equal(1, exit);
            Assert.Contains($"Une instance de l'application utilise le dossier de données {DataDir} (verrou csc.lock) : arrêtez-la avant « restore »", errors);
            Assert.Contains("Rien n'a été modifié.", errors);
            Assert.Equal(before, await BackupArchive.CountRowsAsync(Path.Combine(DataDir, "csc.db")));
            Assert.DoesNotContain(Directory.EnumerateDirectories(DataDir), d => Path.GetFileName(d).StartsWith(".restore-", StringComparison.Ordinal));

            // A second app on the same SQLite directory stops at once with the reason.
            var second = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(AppSettings()));
            Assert.Contains("une seule instance peut travailler sur un dossier de données SQLite", second.Message);
        }
        finally
        {
            await app.DisposeAsync(); // SIGKILL: the lock file stays, the OS lock goes
        }

        Assert.True(File.Exists(Path.Combine(DataDir, DataDirectoryLock.FileName)));
        var (restored, output, problems) = await ConsoleVerb.RunAsync("restore", Archive, "--data-dir", DataDir, "--force");
        Assert.True(restored == 0, problems);
        Assert.Contains("restaurée", output);
    }

    public static TheoryData<string> DamagedArchives => ["tronquée", "octets au hasard", "vide", "sans base", "base illisible", "chemin ../x"];

    [Theory]
    [MemberData(nameof(DamagedArchives))]
    public async Task A_damaged_archive_ends_with_a_french_message_and_exit_1_leaving_the_directory_untouched(string damage)
    {
        await SeedAndBackUpAsync();
        await DamageAsync(damage);
        var before = await SnapshotAsync();

        var (exit, _, errors) = await ConsoleVerb.RunAsync("restore", Archive, "--data-dir", DataDir, "--force");

        Assert.Equal(1, exit);
        Assert.StartsWith("Erreur : Sauvegarde inutilisable (", errors);
        Assert.Contains("rien n'a été restauré", errors);
        Assert.Equal(before, await SnapshotAsync());
        Assert.False(File.Exists(Path.Combine(_scratch.Path, "x")));
    }

    private async Task DamageAsync(string damage)
    {
        switch (damage)
        {
            case "tronquée":
                var bytes = await File.ReadAllBytesAsync(Archive);
                await File.WriteAllBytesAsync(Archive, bytes[..(bytes.Length * 2 / 3)]);
                break;
            case "octets au hasard":
                await File.WriteAllBytesAsync(Archive, RandomNumberGenerator.GetBytes(50_000));
                break;
            case "vide":
                await File.WriteAllBytesAsync(Archive, []);
                break;
            default:
                using (var zip = ZipFile.Open(Archive, ZipArchiveMode.Update))
                {
                    if (damage == "chemin ../x")
                    {
                        await using var stream = zip.CreateEntry("../x").Open();
                        await stream.WriteAsync("évasion"u8.ToArray());
                    }
                    else
                    {
                        zip.GetEntry(BackupArchive.DatabaseEntry)!.Delete();
                        if (damage == "base illisible")
                        {
                            await using var stream = zip.CreateEntry(BackupArchive.DatabaseEntry).Open();
                            await stream.WriteAsync(RandomNumberGenerator.GetBytes(10_000));
                        }
                    }
                }
                break;
        }
    }

    /// <summary>Every file of the data directory with its hash (the lock file aside: restore takes the lock).</summary>
    private async Task<SortedDictionary<string, string>> SnapshotAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(DataDir, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != DataDirectoryLock.FileName))
        {
            await using var stream = File.OpenRead(file);
            files[Path.GetRelativePath(DataDir, file)] = Convert.ToHexString(await SHA256.HashDataAsync(stream));
        }
        return files;
    }

    public void Dispose() => _scratch.Dispose();
}
