using System.Reflection;
using CscDashboard.Core.Common;
using CscDashboard.Tests.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Issue 14 point 6 (ADR 020): every page opened with out-of-range or malformed parameters shows itself,
/// with a French message where the parameter mattered, and its circuit stays alive. Pages are not
/// prerendered, so only a browser sees what they do with their address.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UrlParameterJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public void Every_page_route_has_bad_values_in_the_list()
    {
        var routes = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Where(t => !BadUrls.NotWalkedInTheBrowser.Contains(t))
            .ToHashSet();
        var listed = BadUrls.Pages(1).Select(c => c.Pattern).ToHashSet();

        Assert.Empty(routes.Except(listed));
        Assert.Empty(listed.Except(routes));
    }

    [SkippableFact]
    public async Task Every_page_survives_bad_parameters_and_says_so_in_french()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var author = await Browser.App.AddUserAsync("coord-urls@test.csc", Roles.Coordinator, "ART");
        var activity = await Browser.App.AddActivityAsync(author, "ART", "Activité à recopier");
        await Browser.App.AddUserAsync("admin-urls@test.csc", Roles.Admin);
        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "admin-urls@test.csc");
        var failures = new List<string>();

        foreach (var row in BadUrls.Pages(activity))
        {
            await page.GotoAsync(row.Url);
            try
            {
                await Assertions.Expect(page.Locator(".mud-layout, .account-page").First).ToBeVisibleAsync();
                // A page still loading shows a moving progress bar; one whose circuit died keeps it.
                await Assertions.Expect(page.Locator(".mud-main-content .mud-progress-linear.mud-progress-indeterminate")).ToHaveCountAsync(0);
                if (row.Shows is not null)
                {
                    await Assertions.Expect(page.Locator(".mud-main-content").GetByText(row.Shows).First).ToBeVisibleAsync();
                }
                await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            }
            catch (PlaywrightException e)
            {
                failures.Add($"{row.Url}: {e.Message.Split('\n')[0]}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The circuit of a page opened with a bad address still answers clicks.
        await page.GotoAsync("/activities/week?day=9999-12-31");
        var label = page.GetByTestId("week-label");
        var shown = await label.InnerTextAsync();
        await page.GetByLabel("Semaine suivante").ClickAsync();
        await Assertions.Expect(label).Not.ToHaveTextAsync(shown);

        await page.GotoAsync("/dashboard?period=9999-12");
        await Assertions.Expect(page.GetByText(BadUrls.InvalidPeriod)).ToBeVisibleAsync();
        await page.Locator("[data-testid=period-picker][data-interactive=true]").WaitForAsync();
        await page.Locator("div.mud-select:has(#period-select)").First.ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Trimestre dernier" }).ClickAsync();
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"period=\d{4}-Q[1-4]"));
        await Assertions.Expect(page.GetByText(BadUrls.InvalidPeriod)).ToBeHiddenAsync();
    }
}
