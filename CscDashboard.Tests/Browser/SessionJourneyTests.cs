using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Users;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>An open page (circuit) is signed out at once when the account gets a new password elsewhere (ADR 018).</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task An_open_page_goes_to_sign_in_as_soon_as_the_password_is_changed_elsewhere()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var userId = await Browser.App.AddUserAsync("nouveau.mdp@test.csc", Roles.Coordinator, "ART");
        var adminId = await Browser.App.AddUserAsync("admin-mdp@test.csc", Roles.Admin);
        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "nouveau.mdp@test.csc");
        await page.GotoAsync("/network/centres");
        await page.Locator(".network-header[data-interactive=true]").WaitForAsync();

        var admin = new CurrentUser(adminId, "Admin", new HashSet<string> { Roles.Admin }, new HashSet<int>());
        var accounts = new AccountEditService(Browser.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(),
            new FixedCurrentUserAccessor(admin), TimeProvider.System, Browser.App.Services.GetRequiredService<ChangeNotifier>());
        await accounts.IssuePasswordAsync(userId);

        // No reload, no click: the circuit learns it from the change notification (the periodic check is minutes away).
        // The address is the assertion: wait for the navigation to commit, not for the sign-in page's every resource.
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
    }
}
