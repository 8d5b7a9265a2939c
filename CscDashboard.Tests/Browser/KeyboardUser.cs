using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// A person who uses the keyboard only (issue 15 point 4): Tab, Shift+Tab, Enter, Space, arrows and typing, never a click.
/// Each press waits until the focus has settled: a dialog's focus trap moves the focus on from its invisible edges
/// through the server, as it would for a person pressing the keys.
/// </summary>
internal sealed class KeyboardUser(IPage page)
{
    /// <summary>The invisible edges of MudBlazor's focus trap, which hand the focus on to the dialog's first or last field.</summary>
    private const string Settled = "() => !document.activeElement?.matches('.mud-focus-trap > .fixed.pointer-events-none')";

    /// <summary>What has the focus, for failure messages: tag, id, role, name.</summary>
    private const string Describe = @"() => { const e = document.activeElement; if (!e) return '(rien)';
        const name = e.getAttribute('aria-label') || (e.innerText || e.value || '').trim().slice(0, 60);
        return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.getAttribute('role') ? '[role=' + e.getAttribute('role') + ']' : ''} « ${name} »`; }";

    /// <summary>Signs in through the sign-in page: Tab to the address, type, Tab to the password, type, Enter.</summary>
    public async Task SignInAsync(string email)
    {
        await page.GotoAsync("/account/login");
        await TabToAsync("#email", max: 5);
        await AssertFocusVisibleAsync();
        await TypeAsync(email);
        await PressAsync("Tab");
        await AssertFocusedAsync("#password");
        await TypeAsync(Infrastructure.CscWebFactory.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    public async Task PressAsync(string key)
    {
        await page.Keyboard.PressAsync(key);
        await page.WaitForFunctionAsync(Settled);
    }

    public Task TypeAsync(string text) => page.Keyboard.TypeAsync(text);

    public Task<string> FocusedAsync() => page.EvaluateAsync<string>(Describe);

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="target"/> has the focus, at most <paramref name="max"/> times.</summary>
    public async Task TabToAsync(ILocator target, int max = 30, bool backwards = false)
    {
        var seen = new List<string>();
        for (var i = 0; i < max; i++)
        {
            await PressAsync(backwards ? "Shift+Tab" : "Tab");
            if (await HasFocusAsync(target))
            {
                return;
            }
            seen.Add(await FocusedAsync());
        }
        Assert.Fail($"{target} is not reached in {max} presses of {(backwards ? "Shift+Tab" : "Tab")}; the focus went to: {string.Join(" → ", seen)}");
    }

    public Task TabToAsync(string selector, int max = 30, bool backwards = false) => TabToAsync(page.Locator(selector).First, max, backwards);

    /// <summary><paramref name="target"/> has the focus now (no waiting: the keys above have settled).</summary>
    public async Task AssertFocusedAsync(ILocator target) =>
        Assert.True(await HasFocusAsync(target), $"the focus should be on {target}, it is on {await FocusedAsync()}");

    public Task AssertFocusedAsync(string selector) => AssertFocusedAsync(page.Locator(selector).First);

    /// <summary>
    /// Waits until <paramref name="selector"/> has the focus: opening or closing a dialog moves the focus through the
    /// server, after the key press has settled. A key pressed before that would still act on the element left behind.
    /// </summary>
    public async Task WaitForFocusAsync(string selector)
    {
        try
        {
            await page.WaitForFunctionAsync("s => document.activeElement?.matches(s) === true", selector, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the focus should move to {selector}, it is on {await FocusedAsync()}");
        }
    }

    private static async Task<bool> HasFocusAsync(ILocator target) =>
        await target.CountAsync() > 0 && await target.First.EvaluateAsync<bool>("e => e === document.activeElement");

    /// <summary>
    /// The focus can be seen: a ring of at least 2 px around a control, or MudBlazor's 2 px focused border around a field.
    /// Waits up to a second: some MudBlazor controls animate every property, the ring included (0.3 s).
    /// </summary>
    public async Task AssertFocusVisibleAsync()
    {
        const string visible = @"() => {
            const e = document.activeElement;
            if (!e || e === document.body) return false;
            if (e.matches('.mud-input-slot')) {
                const border = e.closest('.mud-input')?.querySelector('.mud-input-outlined-border');
                return border ? parseFloat(getComputedStyle(border).borderTopWidth) >= 2 : true;
            }
            // A check box or switch hides its input: the ring is on the box that holds it.
            const ringed = getComputedStyle(e).opacity === '0' ? e.parentElement : e;
            const s = getComputedStyle(ringed);
            return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        }";
        try
        {
            await page.WaitForFunctionAsync(visible, null, new PageWaitForFunctionOptions { Timeout = 1_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the focus on {await FocusedAsync()} cannot be seen");
        }
    }
}
