using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CscDashboard.Core;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Network.Import;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CscDashboard.Tests.Core;

/// <summary>
/// The Core half of the authorisation matrix (the HTTP half is <c>Web/AuthorizationMatrixTests</c>):
/// every public instance method of every Core class registered by <see cref="CoreServiceCollectionExtensions.AddCscCore"/>
/// is found by reflection and must have a row below (<c>ServiceAuthorizationMatrixTests.Rows.cs</c>), be listed as
/// territory-neutral, or belong to a class listed as infrastructure — each with its reason. A row calls the method
/// as anonymous, the admin, the project lead, the committee, the coordinator of the territory that owns the data
/// (ART), a coordinator of another territory (LIL) and the system (jobs and verbs), against one shared world
/// (<see cref="World"/>), and states what each gets: the data it may see, a refusal, "not found", or a validation
/// error. Whatever the row says, three rules hold for every call: a refused call writes nothing (the audit log does
/// not grow), a read writes nothing, and what the committee gets names nobody. How to add a row: docs/decisions/009.
/// </summary>
public sealed partial class ServiceAuthorizationMatrixTests(ServiceAuthorizationMatrixTests.World world, ITestOutputHelper output)
    : IClassFixture<ServiceAuthorizationMatrixTests.World>
{
    /// <summary>The Core classes <see cref="CoreServiceCollectionExtensions.AddCscCore"/> registers.</summary>
    private static List<Type> RegisteredCoreClasses()
    {
        var services = new ServiceCollection().AddCscCore(StorageOptions.Resolve("matrice", Path.GetTempPath()));
        return services
            .Select(d => d.ImplementationType ?? d.ImplementationInstance?.GetType() ?? d.ServiceType)
            .Where(t => t.Assembly == typeof(AppDbContext).Assembly && t.IsClass)
            .Distinct().OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<MethodInfo> PublicMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName);

    [Fact]
    public void Every_method_of_every_core_service_has_a_row_in_the_matrix_or_a_reason_not_to()
    {
        var covered = Rows.Select(r => r.Method).Concat(TerritoryNeutral.Keys).ToHashSet();
        var problems = new List<string>();
        var discovered = new HashSet<string>();
        foreach (var type in RegisteredCoreClasses())
        {
            if (Infrastructure.ContainsKey(type))
            {
                continue;
            }
            foreach (var group in PublicMethods(type).GroupBy(m => $"{type.Name}.{m.Name}"))
            {
                discovered.Add(group.Key);
                if (group.Count() > 1)
                {
                    problems.Add($"{group.Key} : surcharges — la matrice désigne une méthode par son nom, donnez un nom à chacune.");
                }
                else if (!covered.Contains(group.Key))
                {
                    problems.Add($"{group.Key} : ni ligne dans la matrice, ni raison d'être neutre (voir docs/decisions/009).");
                }
            }
        }
        problems.AddRange(covered.Where(m => !discovered.Contains(m)).Select(m => $"{m} : ligne de la matrice sans méthode."));
        problems.AddRange(Infrastructure.Keys.Where(t => !RegisteredCoreClasses().Contains(t)).Select(t => $"{t.Name} : classe d'infrastructure non enregistrée."));
        problems.AddRange(Rows.Where(r => r.Cases.Count != Enum.GetValues<Caller>().Length).Select(r => $"{r.Name} : un cas par appelant."));
        problems.AddRange(Rows.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => $"{g.Key} : deux lignes du même nom."));
        Assert.True(problems.Count == 0, "Matrice d'autorisations des services Core :\n" + string.Join("\n", problems));
        output.WriteLine($"{discovered.Count} méthodes, {Rows.Count} lignes × {Enum.GetValues<Caller>().Length} appelants = {Rows.Count * Enum.GetValues<Caller>().Length} cas, {TerritoryNeutral.Count} méthodes neutres.");
    }

    public static TheoryData<string> RowNames => new(Rows.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(RowNames))]
    public async Task Each_caller_gets_what_the_matrix_says(string rowName)
    {
        var row = Rows.Single(r => r.Name == rowName);
        var wrong = new List<string>();
        foreach (var (caller, expect) in row.Cases)
        {
            var problem = await RunAsync(row, caller, expect);
            output.WriteLine($"{caller,-17} {expect,-30} {problem ?? "ok"}");
            if (problem is not null)
            {
                wrong.Add($"{caller} : {problem}");
            }
        }
        Assert.True(wrong.Count == 0, $"{row.Name} :\n" + string.Join("\n", wrong));
    }

    private async Task<string?> RunAsync(Row row, Caller caller, Expect expect)
    {
        world.Ctx.ActAs(World.SystemUser);
        var call = await row.Prepare(world);
        var before = await world.WritesAsync();
        world.Ctx.ActAs(world.Users[caller]);
        object? result = null;
        Outcome outcome;
        Exception? failure = null;
        try
        {
            result = await call();
            outcome = Outcome.Allowed;
        }
        catch (Exception e) when (Classify(e) is { } classified)
        {
            outcome = classified;
            failure = e;
        }
        catch (Exception e)
        {
            outcome = Outcome.Failed;
            failure = e;
        }
        finally
        {
            world.Ctx.ActAs(World.SystemUser);
        }

        if (outcome != expect.Outcome)
        {
            return $"attendu {expect.Outcome}, obtenu {outcome}" + (failure is null ? "" : $" ({failure.GetType().Name} : {failure.Message})");
        }
        var wrote = await world.WritesAsync() != before;
        if (outcome != Outcome.Allowed)
        {
            return wrote ? "refusé, mais quelque chose a été écrit" : null;
        }
        if (row.Kind == Kind.Read && wrote)
        {
            return "une lecture a écrit";
        }
        if (row.Kind == Kind.Write && !wrote)
        {
            return "autorisé, mais rien n'a été écrit";
        }
        var text = TextOf(result);
        var problems = new List<string>();
        if (expect.Sees is { } sees)
        {
            foreach (var data in new[] { Data.Art, Data.Lil, Data.Federation })
            {
                var shown = World.Markers[data].Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
                if (shown != sees.HasFlag(data))
                {
                    problems.Add(shown ? $"montre les données {data}" : $"ne montre pas les données {data}");
                }
            }
        }
        problems.AddRange((expect.Contains ?? []).Where(s => !text.Contains(s, StringComparison.Ordinal)).Select(s => $"ne contient pas « {s} »"));
        problems.AddRange((expect.Lacks ?? []).Where(s => text.Contains(s, StringComparison.Ordinal)).Select(s => $"contient « {s} »"));
        if (caller is Caller.Committee or Caller.Anonymous)
        {
            problems.AddRange(world.PersonNames.Where(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"nomme « {n} »"));
        }
        try
        {
            if (expect.Check is { } check)
            {
                await check(world, result);
            }
        }
        catch (Exception e)
        {
            problems.Add(e.Message);
        }
        return problems.Count == 0 ? null : string.Join(" ; ", problems);
    }

    private static Outcome? Classify(Exception e) => e switch
    {
        ScopeViolationException => Outcome.Refused,
        NotFoundException => Outcome.NotFound,
        ValidationFailedException => Outcome.Invalid,
        _ => null,
    };

    private static string PdfText(byte[] content)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(content);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }

    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What a caller could read in a result: its JSON, a CSV export's text, a PDF's text.</summary>
    private static string TextOf(object? result) => result switch
    {
        null => "",
        ExportFile file => Encoding.UTF8.GetString(file.Content),
        GeneratedPdf pdf => PdfText(pdf.Content),
        _ => JsonSerializer.Serialize(result, result.GetType(), Json),
    };
}
