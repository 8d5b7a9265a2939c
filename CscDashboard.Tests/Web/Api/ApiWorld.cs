using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Network;
using CscDashboard.Core.OpenData;
using CscDashboard.Core.Reporting;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Web.Api;

/// <summary>
/// The app with one account and one token per kind of caller, and the data of two territories: ART (its coordinator's,
/// every person named with "Artemis" or "oscar.art") and LIL ("Lilas", "xavier.lil"), federation-wide partners ("Zenith"),
/// a ready report, and some sixty activities of 2023 over three territories, types and workstreams for the figures.
/// </summary>
public class ApiWorld : IAsyncLifetime
{
    public const string Admin = "admin", Lead = "lead", Committee = "committee", CoordinatorArt = "coordinateur ART", CoordinatorLil = "coordinateur LIL",
        Aggregates = "agrégats (coordinateur ART)", None = "sans jeton", Unknown = "jeton inconnu", Expired = "jeton expiré", Revoked = "jeton révoqué",
        Deactivated = "compte désactivé", Cookie = "cookie de l'admin";

    /// <summary>Callers whose token is good.</summary>
    public static readonly string[] Holders = [Admin, Lead, Committee, CoordinatorArt, CoordinatorLil, Aggregates];
    /// <summary>Callers the API refuses with 401.</summary>
    public static readonly string[] Refused = [None, Unknown, Expired, Revoked, Deactivated, Cookie];

    /// <summary>People of ART and LIL and of the federation: who may see which is the point of the scope tests.</summary>
    public static readonly string[] ArtNames = ["oscar.art", "Awa Artemis", "Paul Contact", "Noté par Artemis"];
    public static readonly string[] LilNames = ["xavier.lil", "Luc Lilas", "Pia Contact", "Noté par Lilas"];
    public static readonly string[] FederationNames = ["Zoé Contact", "lea.lead"];
    /// <summary>The members' employment costs: finance, which the API never gives.</summary>
    public static readonly string[] Finance = ["34400", "30300"];

    public CscWebFactory App { get; }
    public Dictionary<string, string> Tokens { get; } = [];
    public Dictionary<string, string> UserIds { get; } = [];
    public int ReportId { get; private set; }

    public ApiWorld() => App = new CscWebFactory();

    /// <summary>On a host with its own settings (a subclass's).</summary>
    protected ApiWorld(CscWebFactory app) => App = app;

    public async Task InitializeAsync()
    {
        UserIds[Admin] = await App.AddUserAsync("alice.admin@test.csc", Roles.Admin);
        UserIds[Lead] = await App.AddUserAsync("lea.lead@test.csc", Roles.ProjectLead);
        UserIds[Committee] = await App.AddUserAsync("carl.comite@test.csc", Roles.Committee);
        UserIds[CoordinatorArt] = await App.AddUserAsync("oscar.art@test.csc", Roles.Coordinator, "ART");
        UserIds[CoordinatorLil] = await App.AddUserAsync("xavier.lil@test.csc", Roles.Coordinator, "LIL");
        UserIds[Deactivated] = await App.AddUserAsync("dora.depart@test.csc", Roles.Coordinator, "ART");
        foreach (var caller in new[] { Admin, Lead, Committee, CoordinatorArt, CoordinatorLil, Expired, Revoked, Deactivated })
        {
            var owner = caller is Expired or Revoked ? Admin : caller;
            Tokens[caller] = (await CreateTokenAsync(owner, new AccessTokenInput { Name = caller })).Secret;
        }
        Tokens[Aggregates] = (await CreateTokenAsync(CoordinatorArt, new AccessTokenInput { Name = "Agrégats", AggregatesOnly = true })).Secret;
        Tokens[Unknown] = AccessTokenService.SecretPrefix + new string('A', AccessTokenAuthenticator.SecretLength - 4);
        await using (var db = await App.CreateDbAsync())
        {
            var expired = AccessTokenService.HashOf(Tokens[Expired]);
            await db.AccessTokens.Where(t => t.SecretHash == expired).ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }
        await AsAsync(Admin, async s =>
        {
            var tokens = s.GetRequiredService<AccessTokenService>();
            var revoked = (await tokens.ListAsync()).Single(t => t.Name == Revoked);
            await tokens.RevokeAsync(revoked.Id);
            await s.GetRequiredService<CscDashboard.Core.Users.AccountEditService>().DeactivateAsync(UserIds[Deactivated]);
        });
        await AddDataAsync();
    }

    /// <summary>A token of <paramref name="caller"/>'s account, created as that account would on its page.</summary>
    public Task<IssuedToken> CreateTokenAsync(string caller, AccessTokenInput input) => App.CreateTokenAsync(UserIds[caller], input);

    /// <summary>Runs <paramref name="action"/> in a scope whose caller is <paramref name="caller"/>'s account.</summary>
    public Task<T> AsAsync<T>(string caller, Func<IServiceProvider, Task<T>> action) => App.AsAccountAsync(UserIds[caller], action);

    public Task AsAsync(string caller, Func<IServiceProvider, Task> action) => AsAsync(caller, async s =>
    {
        await action(s);
        return 0;
    });

    /// <summary>A client that sends <paramref name="caller"/>'s token (none, or the admin's sign-in cookie, for those callers).</summary>
    public async Task<HttpClient> ClientAsync(string caller)
    {
        var client = App.CreateBrowserlikeClient();
        if (caller == Cookie)
        {
            await CscWebFactory.SignInAsync(client, "alice.admin@test.csc");
        }
        else if (Tokens.TryGetValue(caller, out var token))
        {
            CscWebFactory.WithToken(client, token);
        }
        return client;
    }

    private async Task AddDataAsync()
    {
        await using var db = await App.CreateDbAsync();
        var territories = await db.Territories.Where(t => t.Code == "ART" || t.Code == "LIL" || t.Code == "VAL").ToDictionaryAsync(t => t.Code, t => t.Id);
        var operation = await db.Operations.Where(o => o.Code == ReferenceData.FirstOperationCode).Select(o => o.Id).SingleAsync();
        var workstreams = await db.Workstreams.OrderBy(w => w.Number).Select(w => w.Id).ToListAsync();
        var centres = new Dictionary<string, SocialCentre>
        {
            ["ART"] = new() { Name = "Centre Artemis", Commune = "Arras", Postcode = "62000", TerritoryId = territories["ART"], Status = CentreStatus.Engaged },
            ["LIL"] = new() { Name = "Centre Lilas", Commune = "Lille", Postcode = "59000", TerritoryId = territories["LIL"], Status = CentreStatus.Engaged },
        };
        db.Centres.AddRange(centres.Values);
        db.Partners.AddRange(
            new Partner { Name = "Mairie Artemis", Kind = PartnerKind.Commune, TerritoryId = territories["ART"], ContactName = "Paul Contact", ContactEmail = "paul@artemis.fr" },
            new Partner { Name = "Mairie Lilas", Kind = PartnerKind.Commune, TerritoryId = territories["LIL"], ContactName = "Pia Contact", ContactEmail = "pia@lilas.fr" },
            new Partner { Name = "Région Zenith", Kind = PartnerKind.Region, ContactName = "Zoé Contact", ContactEmail = "zoe@zenith.fr" });
        await db.SaveChangesAsync();
        db.Members.AddRange(
            new NetworkMember
            {
                FirstName = "Awa", LastName = "Artemis", TerritoryId = territories["ART"], CentreId = centres["ART"].Id, Role = MemberRole.Ctn,
                ActiveFrom = new DateOnly(2021, 9, 1), AnnualGrossCost = 34_400m, Email = "awa@artemis.fr"
            },
            new NetworkMember
            {
                FirstName = "Luc", LastName = "Lilas", TerritoryId = territories["LIL"], CentreId = centres["LIL"].Id, Role = MemberRole.Ctn,
                ActiveFrom = new DateOnly(2021, 9, 1), AnnualGrossCost = 30_300m, Email = "luc@lilas.fr"
            });

        var random = new Random(23);
        var codes = new[] { "ART", "LIL", "VAL" };
        for (var i = 0; i < 60; i++)
        {
            var code = codes[i % 3];
            var author = code == "LIL" ? UserIds[CoordinatorLil] : UserIds[CoordinatorArt];
            var activity = new Activity
            {
                OperationId = operation, Date = new DateOnly(2023, 1, 1).AddDays(random.Next(0, 200)), StartTime = new TimeOnly(random.Next(8, 21), 0),
                DurationMinutes = 30 * random.Next(1, 8), TerritoryId = territories[code], AuthorId = author,
                Type = (ActivityType)random.Next(0, 8), Format = ActivityFormat.Workshop, Place = ActivityPlace.InCentre,
                Title = code == "LIL" ? $"Atelier Lilas n°{i}" : $"Atelier Artemis n°{i}",
                Notes = code == "LIL" ? "Noté par Lilas" : "Noté par Artemis",
                InhabitantCount = random.Next(0, 20), ProfessionalCount = random.Next(0, 5), VolunteerCount = random.Next(0, 4), PartnerCount = random.Next(0, 3),
            };
            if (i % 4 == 0)
            {
                activity.Workstreams.Add(new ActivityWorkstream { WorkstreamId = workstreams[i % workstreams.Count] });
            }
            if (code != "VAL")
            {
                activity.Centres.Add(new ActivityCentre { CentreId = centres[code].Id });
            }
            activity.RefreshDerivedValues();
            db.Activities.Add(activity);
        }
        await db.SaveChangesAsync();
        await ActivityStatsUpdater.RebuildAllAsync(db);
        // An indicator of the operation with ART's target, for /api/v1/indicators (issue 17).
        var indicator = new Indicator { OperationId = operation, Code = "ACTIONS-API", Name = "Activités menées", Unit = "activités", IsEu = true, Source = IndicatorSource.Activities };
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync();
        db.IndicatorTargets.Add(new IndicatorTarget { IndicatorId = indicator.Id, TerritoryId = territories["ART"], Value = 50 });
        await db.SaveChangesAsync();

        await File.WriteAllBytesAsync(Path.Combine(App.DataDirectory, "reports", "api.pdf"), "%PDF-1.4\n%api\n"u8.ToArray());
        var report = new ReportSnapshot
        {
            Kind = ReportKind.QuarterlyCommittee, PeriodCode = "2023-Q1", Scope = "federation", RequestedBy = "lea.lead", OperationId = operation,
            PeriodStart = new DateOnly(2023, 1, 1), PeriodEnd = new DateOnly(2023, 3, 31), Status = ReportStatus.Ready, PdfPath = "api.pdf",
        };
        db.ReportSnapshots.Add(report);
        await db.SaveChangesAsync();
        ReportId = report.Id;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
