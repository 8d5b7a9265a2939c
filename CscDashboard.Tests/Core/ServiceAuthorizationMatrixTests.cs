using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CscDashboard.Core;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Network.Import;
using CscDashboard.Tests.Infrastructure;
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
    public enum Caller
    {
        Anonymous,
        Admin,
        Lead,
        Committee,
        /// <summary>Coordinator of ART, the territory that owns the data a row works on.</summary>
        Coordinator,
        /// <summary>Coordinator of LIL: another territory.</summary>
        OtherCoordinator,
        /// <summary>A Hangfire job or a command-line verb (<see cref="CurrentUser.System"/>).</summary>
        System,
    }

    public enum Outcome
    {
        /// <summary>The call returns (what it returns is checked by <see cref="Expect.Sees"/>, <see cref="Expect.Contains"/>...).</summary>
        Allowed,
        /// <summary><see cref="ScopeViolationException"/>.</summary>
        Refused,
        /// <summary><see cref="NotFoundException"/>: the object does not exist for this caller.</summary>
        NotFound,
        /// <summary><see cref="ValidationFailedException"/>: refused as bad input (a row of another territory in an import).</summary>
        Invalid,
        /// <summary>Another exception: the call passed the authorisation checks and failed on its own terms (a restore into a live data directory).</summary>
        Failed,
    }

    /// <summary>The data of a territory in the world: each object of ART carries "Artemis", of LIL "Lilas", of the federation level "Zenith".</summary>
    [Flags]
    public enum Data
    {
        None = 0,
        Art = 1,
        Lil = 2,
        Federation = 4,
    }

    /// <summary>
    /// What one caller gets. <see cref="Sees"/> (when set): the result shows the data of exactly these territories
    /// (the world's markers of the others are absent). <see cref="Check"/>: a typed assertion on the result.
    /// </summary>
    public sealed record Expect(Outcome Outcome, Data? Sees = null, string[]? Contains = null, string[]? Lacks = null, Func<World, object?, Task>? Check = null)
    {
        public Expect With(params string[] contains) => this with { Contains = [.. Contains ?? [], .. contains] };

        public Expect Without(params string[] lacks) => this with { Lacks = [.. Lacks ?? [], .. lacks] };

        public Expect Verify<T>(Action<World, T> check) => VerifyAsync<T>((w, result) =>
        {
            check(w, result);
            return Task.CompletedTask;
        });

        public Expect VerifyAsync<T>(Func<World, T, Task> check) => this with { Check = (w, result) => check(w, Assert.IsAssignableFrom<T>(result)) };

        public override string ToString() => Outcome == Outcome.Allowed && Sees is { } sees ? $"Allowed, voit {sees}" : Outcome.ToString();
    }

    public enum Kind
    {
        /// <summary>Writes nothing, whoever calls.</summary>
        Read,
        /// <summary>An allowed call writes (a row, an audit entry, a file).</summary>
        Write,
        /// <summary>A write that may find nothing to change (a recomputation, a schedule already run).</summary>
        IdempotentWrite,
    }

    /// <summary>
    /// One way of calling one method. <see cref="Prepare"/> runs as the system before each caller's call (fresh
    /// objects for writes, so that cases do not depend on each other) and returns the call itself.
    /// </summary>
    public sealed record Row(string Method, string Variant, Kind Kind, Func<World, Task<Func<Task<object?>>>> Prepare, IReadOnlyDictionary<Caller, Expect> Cases)
    {
        public string Name => Variant.Length == 0 ? Method : $"{Method} [{Variant}]";
    }

    // ---- Vocabulary of the rows ----

    private static readonly Expect Ok = new(Outcome.Allowed);
    private static readonly Expect No = new(Outcome.Refused);
    private static readonly Expect Gone = new(Outcome.NotFound);
    private static readonly Expect Bad = new(Outcome.Invalid);
    private static readonly Expect Failed = new(Outcome.Failed);

    /// <summary>What a caller gets on SQLite; on PostgreSQL the call fails past the authorisation check (a SQLite-only feature).</summary>
    private static Expect OnSqlite(Expect expect) => TestDatabase.OnPostgres ? Failed : expect;

    private static Expect Sees(Data data) => new(Outcome.Allowed, data);

    /// <summary>Every caller's expectation; the system's defaults to the admin's (it acts with the admin role).</summary>
    private static Dictionary<Caller, Expect> Cases(Expect anonymous, Expect admin, Expect lead, Expect committee, Expect coordinator, Expect other, Expect? system = null) => new()
    {
        [Caller.Anonymous] = anonymous, [Caller.Admin] = admin, [Caller.Lead] = lead, [Caller.Committee] = committee,
        [Caller.Coordinator] = coordinator, [Caller.OtherCoordinator] = other, [Caller.System] = system ?? admin,
    };

    /// <summary>Every signed-in caller gets <paramref name="expect"/> (the committee too).</summary>
    private static Dictionary<Caller, Expect> SignedIn(Expect expect) => Cases(No, expect, expect, expect, expect, expect);

    /// <summary>Staff (admin, lead, coordinators) get <paramref name="expect"/>; the committee is refused.</summary>
    private static Dictionary<Caller, Expect> Staff(Expect expect) => Cases(No, expect, expect, No, expect, expect);

    /// <summary>Finance-like reads: the federation sees <paramref name="federation"/>, each coordinator their own territory only.</summary>
    private static Dictionary<Caller, Expect> ByTerritory(Expect federation, Expect coordinator, Expect other) =>
        Cases(No, federation, federation, No, coordinator, other);

    /// <summary>Data of ART: the admin, the lead and ART's coordinator get <paramref name="expect"/>; LIL's coordinator and the committee are refused.</summary>
    private static Dictionary<Caller, Expect> OwnTerritory(Expect expect, Expect? other = null) =>
        Cases(No, expect, expect, No, expect, other ?? No);

    /// <summary>Only the project lead and the admin (and the system).</summary>
    private static Dictionary<Caller, Expect> Federation(Expect expect) => Cases(No, expect, expect, No, No, No);

    /// <summary><paramref name="cases"/>, with <paramref name="caller"/>'s expectation replaced.</summary>
    private static Dictionary<Caller, Expect> But(Dictionary<Caller, Expect> cases, Caller caller, Expect expect) => new(cases) { [caller] = expect };

    private static readonly PageRequest Page = new(0, PageRequest.MaxPageSize);

    /// <summary>Rows of one service: <c>On&lt;CentreService&gt;.Read(nameof(CentreService.ListAsync), (s, w) =&gt; ..., cases)</c>.</summary>
    private static class On<TService> where TService : notnull
    {
        private static string Name(string method) => $"{typeof(TService).Name}.{method}";

        public static Row Read<T>(string method, Func<TService, World, Task<T>> call, Dictionary<Caller, Expect> cases, string variant = "") =>
            new(Name(method), variant, Kind.Read,
                w => Task.FromResult<Func<Task<object?>>>(async () => await call(w.Ctx.Get<TService>(), w)), cases);

        /// <summary>A write on a fresh object made by <paramref name="prepare"/> (as the system) for each caller.</summary>
        public static Row Write<TArg>(string method, Func<World, Task<TArg>> prepare, Func<TService, World, TArg, Task> call,
            Dictionary<Caller, Expect> cases, string variant = "", bool idempotent = false) =>
            new(Name(method), variant, idempotent ? Kind.IdempotentWrite : Kind.Write, async w =>
            {
                var arg = await prepare(w);
                return async () =>
                {
                    await call(w.Ctx.Get<TService>(), w, arg);
                    return null;
                };
            }, cases);

        /// <summary>A write that needs no fresh object (it creates one).</summary>
        public static Row Write(string method, Func<TService, World, Task> call, Dictionary<Caller, Expect> cases, string variant = "", bool idempotent = false) =>
            Write(method, _ => Task.FromResult(0), (service, w, _) => call(service, w), cases, variant, idempotent);
    }

    // ---- Discovery ----

    /// <summary>The Core classes <see cref="CoreServiceCollectionExtensions.AddCscCore"/> registers.</summary>
    private static IReadOnlyList<Type> RegisteredCoreClasses()
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
