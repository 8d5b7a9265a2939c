using Bunit;
using CscDashboard.Core.Common;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Layout;

namespace CscDashboard.Tests.Components;

public sealed class NavMenuTests : MudTestContext
{
    private static CurrentUser As(params string[] roles) => new("id", "Test", roles.ToHashSet(), new HashSet<int> { 1 });

    private string[] LinksFor(CurrentUser user) =>
        Render<NavMenu>(p => p.Add(m => m.User, user))
            .FindAll("a.mud-nav-link")
            .Select(a => a.GetAttribute("href")!)
            .ToArray();

    [Fact]
    public void The_admin_sees_user_accounts_and_background_jobs()
    {
        var links = LinksFor(As(Roles.Admin));

        Assert.Contains("/admin/users", links);
        Assert.Contains("/hangfire", links);
    }

    [Fact]
    public void A_coordinator_sees_the_activity_log_but_no_administration()
    {
        Assert.Equal(["/", "/dashboard", "/reports", "/activities/new", "/activities/week", "/activities", "/network/centres", "/network/members", "/network/partners",
            "/meetings", "/targets", "/evidence", "/workstreams/1", "/workstreams/2", "/workstreams/3", "/finance", "/compliance", "/closing"], LinksFor(As(Roles.Coordinator)));
    }

    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.ProjectLead, true)]
    [InlineData(Roles.Coordinator, true)]
    [InlineData(Roles.Committee, false)]
    public void Finances_and_compliance_are_in_the_menu_of_those_who_may_read_them(string role, bool shown)
    {
        Assert.Equal(shown, LinksFor(As(role)).Contains("/finance"));
        Assert.Equal(shown, LinksFor(As(role)).Contains("/compliance"));
    }

    [Fact]
    public void The_committee_sees_only_what_it_may_use()
    {
        Assert.Equal(["/", "/dashboard", "/reports"], LinksFor(As(Roles.Committee)));
    }

    [Fact]
    public void Staff_see_the_network_directory()
    {
        foreach (var role in new[] { Roles.Admin, Roles.ProjectLead, Roles.Coordinator })
        {
            var links = LinksFor(As(role));
            Assert.Contains("/network/centres", links);
            Assert.Contains("/network/members", links);
            Assert.Contains("/network/partners", links);
        }
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.ProjectLead)]
    [InlineData(Roles.Coordinator)]
    public void Staff_find_the_three_workstreams_under_chantiers(string role)
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.User, As(role)));

        var group = menu.Find(".mud-nav-group");
        Assert.Contains("Chantiers", group.TextContent);
        Assert.Equal(["/workstreams/1", "/workstreams/2", "/workstreams/3"],
            group.QuerySelectorAll("a.mud-nav-link").Select(a => a.GetAttribute("href")));
        Assert.Equal(["Inclusion numérique", "Jeunesse et parentalité", "Numérique responsable"],
            group.QuerySelectorAll("a.mud-nav-link").Select(a => a.TextContent.Trim()));
    }

    [Theory]
    [InlineData(Roles.ProjectLead)]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Committee)]
    public void Other_roles_do_not_see_administration(string role)
    {
        var links = LinksFor(As(role));

        Assert.Contains("/", links);
        Assert.DoesNotContain("/admin/users", links);
        Assert.DoesNotContain("/hangfire", links);
    }

    [Fact]
    public void Each_entry_is_shown_exactly_to_the_roles_it_names()
    {
        foreach (var role in Roles.All)
        {
            var expected = Navigation.Entries.Where(e => e.Roles.Contains(role)).Select(e => e.Href);
            Assert.Equal(expected, LinksFor(As(role)));
        }
    }

    [Fact]
    public void Entries_are_in_french()
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.User, As(Roles.Admin)));

        Assert.Contains("Accueil", menu.Markup);
        Assert.Contains("Utilisateurs", menu.Markup);
        Assert.Contains("Tâches de fond", menu.Markup);
    }
}
