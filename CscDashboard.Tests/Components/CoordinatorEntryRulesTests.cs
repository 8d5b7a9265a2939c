using Bunit;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Home;
using CscDashboard.Core.Lookups;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Pages;
using CscDashboard.Web.Components.Pages.Activities;

namespace CscDashboard.Tests.Components;

/// <summary>What the activity log opens on, the date the entry form proposes, and the home page's action hub.</summary>
public sealed class CoordinatorEntryRulesTests : MudTestContext
{
    private static CurrentUser As(string role) => new("id", "Test", new HashSet<string> { role }, new HashSet<int> { 1 });

    [Theory]
    [InlineData(null, false, Roles.Coordinator, true)]          // a coordinator's bare /activities: mine
    [InlineData(null, false, Roles.ProjectLead, false)]         // other roles: the whole network
    [InlineData(null, false, Roles.Admin, false)]
    [InlineData("all", false, Roles.Coordinator, false)]        // ?scope=all reproduces "Tout le réseau"
    [InlineData("ALL", false, Roles.Coordinator, false)]
    [InlineData("mine", false, Roles.ProjectLead, true)]        // ?scope=mine works for everyone
    [InlineData(null, true, Roles.Coordinator, false)]          // ?author=…, ?territory=… (shared or dashboard links): as given
    [InlineData("mine", true, Roles.Coordinator, true)]         // mine plus other filters (e.g. "Aujourd'hui" on Mes activités)
    [InlineData("nonsense", false, Roles.Coordinator, true)]    // an unknown value is ignored
    public void The_activity_log_scope_comes_from_the_address_then_from_the_role(string? scope, bool otherFilters, string role, bool mine) =>
        Assert.Equal(mine, ActivityLogScope.ShowsMine(scope, otherFilters, As(role)));

    [Fact]
    public void The_page_writes_its_scope_so_that_the_address_reproduces_the_view()
    {
        TerritoryItem[] territories = [];
        Assert.Equal("/activities?scope=mine", ActivityList.UrlOf(new ActivityFilter { Mine = true }, territories, opensOnMine: true));
        Assert.Equal("/activities?scope=all", ActivityList.UrlOf(new ActivityFilter(), territories, opensOnMine: true));
        Assert.Equal("/activities", ActivityList.UrlOf(new ActivityFilter(), territories, opensOnMine: false));
        Assert.Equal("/activities?from=2026-12-01&to=2026-12-01&scope=mine",
            ActivityList.UrlOf(new ActivityFilter { Mine = true, From = new(2026, 12, 1), To = new(2026, 12, 1) }, territories, opensOnMine: true));
    }

    [Theory]
    [InlineData("2026-11-30", "2026-11-30", false)]
    [InlineData(null, "2026-12-04", false)]
    [InlineData("", "2026-12-04", false)]
    [InlineData("2026-02-30", "2026-12-04", true)]
    [InlineData("30/11/2026", "2026-12-04", true)]
    [InlineData("demain", "2026-12-04", true)]
    public void The_entry_form_takes_the_date_from_the_address_and_falls_back_to_today(string? text, string expected, bool notice)
    {
        var (date, message) = EntryDate.Resolve(text, new DateOnly(2026, 12, 4));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
        Assert.Equal(notice, message is not null);
        if (notice)
        {
            Assert.StartsWith($"Date invalide : « {text} » n'existe pas ou n'est pas au format AAAA-MM-JJ", message);
            Assert.EndsWith("La date du jour est proposée.", message);
        }
    }

    [Fact]
    public void The_home_hub_offers_to_log_shows_my_week_my_last_entries_and_links_the_evidence_to_do_list()
    {
        var actions = new HomeActions(new DateOnly(2026, 11, 30), 150, 2,
            [new RecentEntry(7, new DateOnly(2026, 12, 2), "Atelier tablettes", 90), new RecentEntry(5, new DateOnly(2026, 12, 1), "Réunion CTN", 60)],
            3, "CSC-2024-2027");

        var hub = Render<HomeActionHub>(p => p.Add(c => c.Actions, actions));

        Assert.Equal("/activities/new", hub.Find("[data-testid=home-log]").GetAttribute("href"));
        Assert.Equal("2 h 30", hub.Find("[data-testid=home-week-hours]").TextContent.Trim());
        Assert.StartsWith("2 activités du 30 novembre au 6 décembre", hub.Find("[data-testid=home-week-entries]").TextContent.Trim());
        var again = hub.FindAll("[data-testid=home-recent-entry] a.mud-button-root").Select(a => a.GetAttribute("href")!).ToArray();
        Assert.Equal(["/activities/new?copy=7", "/activities/new?copy=5"], again);
        var evidence = hub.Find("[data-testid=home-evidence-link]");
        Assert.Equal("3 pièces à fournir", evidence.TextContent.Trim());
        Assert.Equal("/compliance?operation=CSC-2024-2027", evidence.GetAttribute("href"));
    }

    [Fact]
    public void Nothing_owed_says_so_in_words()
    {
        var hub = Render<HomeActionHub>(p => p.Add(c => c.Actions, new HomeActions(new DateOnly(2026, 11, 30), 0, 0, [], 0, "CSC-2024-2027")));

        Assert.Contains("Aucune pièce à fournir.", hub.Find("[data-testid=home-evidence]").TextContent);
        Assert.Contains("Vous n'avez encore saisi aucune activité.", hub.Find("[data-testid=home-recent]").TextContent);
        Assert.Equal("0 h", hub.Find("[data-testid=home-week-hours]").TextContent.Trim());
    }
}
