using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CscDashboard.Core;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Network.Import;
using CscDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CscDashboard.Tests.Core;

/// <summary>The matrix's vocabulary: callers, outcomes, expectations, rows, and the usual shapes of a row's seven cases.</summary>
public sealed partial class ServiceAuthorizationMatrixTests
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

    /// <summary>The export's cells read back from the CSV or the workbook (the matrix then reads them as JSON).</summary>
    private static async Task<List<List<string?>>> ExportTextAsync(ActivityExportService export, ActivityFilter filter, bool xlsx)
    {
        using var output = new MemoryStream();
        if (!xlsx)
        {
            await export.WriteCsvAsync(filter, output);
            return [.. TabularReader.Read(output.ToArray(), "export.csv", 1_000).Select(l => l.Cells.ToList<string?>())];
        }
        await export.WriteXlsxAsync(filter, output);
        output.Position = 0;
        return [.. MiniExcelLibs.MiniExcel.Query(output).Cast<IDictionary<string, object>>().Select(r => r.Values.Select(v => v?.ToString()).ToList())];
    }
}
