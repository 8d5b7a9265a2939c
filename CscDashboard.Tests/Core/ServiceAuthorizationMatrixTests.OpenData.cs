using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Network;
using CscDashboard.Core.OpenData;

namespace CscDashboard.Tests.Core;

/// <summary>The read API's Core classes and the personal access tokens (ADR 026).</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static readonly ApiPage ApiPageOfAll = new(1, ApiPage.MaxSize);

    /// <summary>A property, not a field: <see cref="Rows"/> (another file of this class) reads it while it is initialised.</summary>
    private static IReadOnlyList<Row> OpenDataRows =>
    [
        // ---- Tokens: each account its own; the administrator everyone's; the verb (the system) for an account ----
        On<AccessTokenService>.Read(nameof(AccessTokenService.ChoicesAsync), (s, w) => s.ChoicesAsync(),
            Cases(No, Sees(Data.None), Sees(Data.None), Sees(Data.None), Sees(Data.Art), Sees(Data.Lil), system: No)),
        On<AccessTokenService>.Write(nameof(AccessTokenService.CreateAsync), (s, w) => s.CreateAsync(new AccessTokenInput { Name = "Jeton de la matrice" }),
            Cases(No, Ok, Ok, Ok, Ok, Ok, system: No)),
        // A token no wider than its account: only a coordinator limits one to territories, and only to their own.
        On<AccessTokenService>.Write(nameof(AccessTokenService.CreateAsync),
            (s, w) => s.CreateAsync(new AccessTokenInput { Name = "Jeton de LIL", TerritoryIds = [w.Lil] }),
            Cases(No, Bad, Bad, Bad, Bad, Ok, system: No), "territoire LIL"),
        On<AccessTokenService>.Write(nameof(AccessTokenService.CreateForAccountAsync),
            (s, w) => s.CreateForAccountAsync("oscar.coord@test.csc", new AccessTokenInput { Name = "Automate" }),
            Cases(No, No, No, No, No, No, system: Ok)),
        On<AccessTokenService>.Read(nameof(AccessTokenService.ListAsync), (s, w) => s.ListAsync(),
            Cases(No, Sees(Data.None), Sees(Data.None), Sees(Data.None), Sees(Data.Art).With("Jeton Artemis"), Sees(Data.Lil).With("Jeton Lilas"), system: No)),
        On<AccessTokenService>.Read(nameof(AccessTokenService.ListAllAsync), (s, w) => s.ListAllAsync(),
            Cases(No, Sees(Data.Art | Data.Lil), No, No, No, No)),
        On<AccessTokenService>.Write(nameof(AccessTokenService.RevokeAsync), w => w.NewTokenAsync(), (s, w, id) => s.RevokeAsync(id),
            Cases(No, Ok, Gone, Gone, Ok, Gone)),

        // ---- What the API reads: the dashboards' figures for every role, the log and the directory for staff, names only in one's territories ----
        On<OpenFigures>.Read(nameof(OpenFigures.ReadAsync), (s, w) => s.ReadAsync(w.March, FigureGroup.Territory | FigureGroup.Month),
            SignedIn(Sees(Data.Art | Data.Lil))),
        On<OpenActivities>.Read(nameof(OpenActivities.ListAsync), (s, w) => s.ListAsync(AllActivities, ApiPageOfAll),
            Cases(No, Sees(Data.Art | Data.Lil).With("oscar.coord", "xavier.coord"), Sees(Data.Art | Data.Lil).With("oscar.coord", "xavier.coord"), No,
                Sees(Data.Art | Data.Lil).With("oscar.coord").Without("xavier.coord"), Sees(Data.Art | Data.Lil).With("xavier.coord").Without("oscar.coord"))),
        On<OpenActivities>.Read(nameof(OpenActivities.ListAsync), (s, w) => s.ListAsync(AllActivities with { Deleted = true }, ApiPageOfAll),
            Federation(Sees(Data.Art)), "corbeille"),
        On<OpenNetwork>.Read(nameof(OpenNetwork.CentresAsync), (s, w) => s.CentresAsync(new CentreFilter(), ApiPageOfAll), SignedIn(Sees(Data.Art | Data.Lil))),
        On<OpenNetwork>.Read(nameof(OpenNetwork.PartnersAsync), (s, w) => s.PartnersAsync(new PartnerFilter(), ApiPageOfAll),
            Cases(No, Sees(Data.Art | Data.Lil | Data.Federation).With("Paul Contact", "Pia Contact", "Zoé Contact"),
                Sees(Data.Art | Data.Lil | Data.Federation).With("Paul Contact", "Pia Contact", "Zoé Contact"),
                Sees(Data.Art | Data.Lil | Data.Federation),
                Sees(Data.Art | Data.Lil | Data.Federation).With("Paul Contact").Without("Pia Contact", "Zoé Contact"),
                Sees(Data.Art | Data.Lil | Data.Federation).With("Pia Contact").Without("Paul Contact", "Zoé Contact"))),
        // People, never their employment cost (finance).
        On<OpenNetwork>.Read(nameof(OpenNetwork.MembersAsync), (s, w) => s.MembersAsync(new MemberFilter(), ApiPageOfAll),
            Cases(No, Sees(Data.Art | Data.Lil).Without("34400", "30300"), Sees(Data.Art | Data.Lil).Without("34400", "30300"), No,
                Sees(Data.Art).Without("34400"), Sees(Data.Lil).Without("30300"))),
    ];

    public sealed partial class World
    {
        /// <summary>A token of ART's coordinator, to revoke.</summary>
        public Task<int> NewTokenAsync() =>
            AsAsync(Caller.Coordinator, async () => (await Ctx.Get<AccessTokenService>().CreateAsync(new AccessTokenInput { Name = $"Jeton n°{Next()}" })).Id);

        /// <summary>One token per coordinator, named after their territory's marker, for the lists.</summary>
        private async Task AddTokensAsync()
        {
            await AsAsync(Caller.Coordinator, () => Ctx.Get<AccessTokenService>().CreateAsync(new AccessTokenInput { Name = "Jeton Artemis" }));
            await AsAsync(Caller.OtherCoordinator, () => Ctx.Get<AccessTokenService>().CreateAsync(new AccessTokenInput { Name = "Jeton Lilas" }));
        }
    }
}
