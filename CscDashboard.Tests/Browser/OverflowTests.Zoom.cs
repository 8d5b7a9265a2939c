using CscDashboard.Core.Common;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Issue 15 point 6 (ADR 021): the same checks at 200 % zoom on a 1366 px screen (683 CSS px at a device scale of 2)
/// and with the text spacing of WCAG 1.4.12 forced on every element; and animations that stop for those who ask
/// their system for reduced motion.
/// </summary>
public sealed partial class OverflowTests
{
    /// <summary>WCAG 1.4.12's bookmarklet: line height 1.5, letters 0.12 em, words 0.16 em, paragraphs 2 em apart.</summary>
    private const string WiderTextSpacing = """
        * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
        p { margin-bottom: 2em !important; }
        """;

    [SkippableTheory]
    [InlineData("zoom-200")]
    [InlineData("text-spacing")]
    public async Task At_200_percent_zoom_and_with_wider_text_spacing_nothing_is_cut_or_out_of_reach(string mode)
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await EnsureDataAsync();
        var email = $"overflow-{mode}@test.csc";
        await Browser.App.AddUserAsync(email, Roles.ProjectLead);
        var zoom = mode == "zoom-200";
        var page = zoom
            ? await Browser.NewPageAsync(683, 450, configure: o => o.DeviceScaleFactor = 2)
            : await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, email);

        var problems = new List<string>();
        foreach (var url in new[] { "/", $"/dashboard?period={Quarter}", $"/territories/LLH?period={Quarter}", "/activities", $"/finance?operation={OperationCode}" })
        {
            await page.GotoAsync(url);
            await AxeWalk.WaitUntilReadyAsync(page);
            if (!zoom)
            {
                await page.AddStyleTagAsync(new() { Content = WiderTextSpacing });
            }
            var name = $"{mode}{url.Split('?')[0].Replace('/', '-')}";
            problems.AddRange(await MeasureAsync(page, name, Roles.ProjectLead, zoom ? 683 : 1366, tablesMayScroll: true));
        }

        Assert.True(problems.Count == 0, $"Cut or overflowing ({mode}):\n" + string.Join("\n", problems));
    }

    [SkippableFact]
    public async Task Transitions_and_animations_end_at_once_when_the_system_asks_for_reduced_motion()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.AddUserAsync("overflow-motion@test.csc", Roles.ProjectLead);
        const string durations = """
            () => [...document.querySelectorAll('.mud-button-root, .mud-nav-link, .mud-input-outlined-border')].slice(0, 20)
                .map(el => getComputedStyle(el)).map(s => Math.max(...`${s.transitionDuration},${s.animationDuration}`.split(',').map(parseFloat)))
            """;

        var still = await Browser.NewPageAsync(1366, 900, configure: o => o.ReducedMotion = ReducedMotion.Reduce);
        await BrowserFixture.SignInAsync(still, "overflow-motion@test.csc");
        await AxeWalk.WaitUntilReadyAsync(still);
        var moving = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(moving, "overflow-motion@test.csc");
        await AxeWalk.WaitUntilReadyAsync(moving);

        // Without the preference MudBlazor's controls animate (so this test can fail); with it, nothing lasts a millisecond.
        Assert.Contains(await moving.EvaluateAsync<double[]>(durations), d => d >= 0.1);
        Assert.All(await still.EvaluateAsync<double[]>(durations), d => Assert.True(d < 0.001, $"{d} s"));
    }
}
