using System.IO.Compression;
using System.Security.Cryptography;
using CscDashboard.Core.Backups;
using CscDashboard.Core.Common;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Cli;
using Microsoft.Data.Sqlite;

namespace CscDashboard.Tests.Web;

/// <summary>A demo database with evidence and report files, built once for the backup tests (which only read it).</summary>
public sealed class BackupSource : IAsyncLifetime
{
    public CoreTestContext Context { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Context = await CoreTestContext.CreateAsync();
        await Context.SeedDemoAsync();
        // Files as the vault and the report library store them (content-addressed, nested folders).
        foreach (var (folder, name, size) in new[] { ("evidence", "ab/abcdef.pdf", 70_000), ("evidence", "cd/cdef01.jpg", 1_000), ("reports", "2023-Q1/v1.pdf", 5_000) })
        {
            var path = Path.Combine(Context.DataDirectory, folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, RandomNumberGenerator.GetBytes(size));
        }
    }

    public Task DisposeAsync() => Context.DisposeAsync().AsTask();
}

/// <summary>The backup and restore verbs and the nightly backup (SQLite: on PostgreSQL they refuse, see CopyToPostgresTests).</summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class BackupRestoreTests(BackupSource source) : IClassFixture<BackupSource>, IDisposable
{
    private readonly ScratchDirectory _scratch = new("csc-backup-tests");

    private string Root => _scratch.Path;
    private readonly CoreTestContext _source = source.Context;

    private string Archive => Path.Combine(Root, "sauvegarde.zip");

    [Fact]
    public async Task A_backup_restored_into_a_new_directory_has_the_same_rows_and_files()
    {
        var target = Path.Combine(Root, "restauree");

        Assert.Equal(0, await CommandLine.RunAsync(["backup", "--data-dir", _source.DataDirectory, "--out", Archive]));
        Assert.Equal(0, await CommandLine.RunAsync(["restore", Archive, "--data-dir", target]));

        var before = await BackupArchive.CountRowsAsync(Path.Combine(_source.DataDirectory, "csc.db"));
        var after = await BackupArchive.CountRowsAsync(Path.Combine(target, "csc.db"), checkIntegrity: true);
        Assert.Equal(before, after);
        Assert.True(after["Activities"] > 1_000, $"{after["Activities"]} activities");
        Assert.Equal(await HashesAsync(_source.DataDirectory), await HashesAsync(target));
        // The demo's own evidence files, and the three placed by the fixture.
        Assert.Superset(new HashSet<string> { Path.Combine("evidence", "ab", "abcdef.pdf"), Path.Combine("evidence", "cd", "cdef01.jpg"), Path.Combine("reports", "2023-Q1", "v1.pdf") },
            (await HashesAsync(target)).Keys.ToHashSet());
    }

    [Fact]
    public async Task Restore_refuses_a_directory_that_holds_data_unless_forced()
    {
        Assert.Equal(0, await CommandLine.RunAsync(["backup", "--data-dir", _source.DataDirectory, "--out", Archive]));
        var target = Path.Combine(Root, "occupee");
        Assert.Equal(0, await CommandLine.RunAsync(["seed", "--data-dir", target]));
        var empty = await BackupArchive.CountRowsAsync(Path.Combine(target, "csc.db"));

        Assert.Equal(1, await CommandLine.RunAsync(["restore", Archive, "--data-dir", target]));
        Assert.Equal(empty, await BackupArchive.CountRowsAsync(Path.Combine(target, "csc.db")));

        Assert.Equal(0, await CommandLine.RunAsync(["restore", Archive, "--data-dir", target, "--force"]));
        Assert.Equal(await BackupArchive.CountRowsAsync(Path.Combine(_source.DataDirectory, "csc.db")),
            await BackupArchive.CountRowsAsync(Path.Combine(target, "csc.db")));
    }

    [Theory]
    [InlineData("evidence/ab/abcdef.pdf")]
    [InlineData("../evil.txt")]
    public async Task A_tampered_archive_is_refused_and_nothing_is_written(string entryName)
    {
        Assert.Equal(0, await CommandLine.RunAsync(["backup", "--data-dir", _source.DataDirectory, "--out", Archive]));
        using (var zip = ZipFile.Open(Archive, ZipArchiveMode.Update))
        {
            zip.GetEntry(entryName)?.Delete();
            await using var stream = zip.CreateEntry(entryName).Open();
            await stream.WriteAsync("autre contenu"u8.ToArray());
        }
        var target = Path.Combine(Root, "altérée");

        Assert.Equal(1, await CommandLine.RunAsync(["restore", Archive, "--data-dir", target]));

        Assert.False(File.Exists(Path.Combine(target, "csc.db")));
        Assert.False(File.Exists(Path.Combine(Root, "evil.txt")));
        Assert.Empty(Directory.Exists(target) ? Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task The_nightly_backup_keeps_the_newest_ones()
    {
        var backups = _source.Get<BackupService>();
        var folder = Path.Combine(_source.DataDirectory, "backups");
        var made = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            _source.Clock.Advance(TimeSpan.FromDays(1));
            made.Add(await backups.CreateScheduledAsync(keep: 2));
        }

        var kept = Directory.GetFiles(folder, "*.zip").Order().ToList();
        Assert.Equal(made[2..], kept);
        kept.ForEach(File.Delete);
    }

    [Theory]
    [InlineData(Roles.ProjectLead)]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Committee)]
    public async Task Only_the_admin_and_the_system_back_up_or_restore_every_territorys_data(string role)
    {
        var backups = _source.Get<BackupService>();
        _source.ActAs(new CurrentUser("compte-sans-droit", role, new HashSet<string> { role }, new HashSet<int> { 1 }));
        try
        {
            await Assert.ThrowsAsync<ScopeViolationException>(() => backups.CreateAsync(Archive));
            await Assert.ThrowsAsync<ScopeViolationException>(() => backups.CreateScheduledAsync(keep: 2));
            await Assert.ThrowsAsync<ScopeViolationException>(() => _source.Get<RestoreService>().RestoreAsync(Archive, force: true));
        }
        finally
        {
            _source.ActAs(CurrentUser.System("test"));
        }
        Assert.False(File.Exists(Archive));
        Assert.False(Directory.Exists(Path.Combine(_source.DataDirectory, "backups")) && Directory.EnumerateFiles(Path.Combine(_source.DataDirectory, "backups")).Any());
    }

    private static async Task<SortedDictionary<string, string>> HashesAsync(string dataDirectory)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in new[] { "evidence", "reports" })
        {
            var root = Path.Combine(dataDirectory, folder);
            foreach (var file in Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories) : [])
            {
                await using var stream = File.OpenRead(file);
                hashes[Path.GetRelativePath(dataDirectory, file)] = Convert.ToHexString(await SHA256.HashDataAsync(stream));
            }
        }
        return hashes;
    }

    public void Dispose() => _scratch.Dispose();
}
