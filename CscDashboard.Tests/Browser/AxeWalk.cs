using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>One element that breaks a rule, on one page, for one account, at one size.</summary>
public sealed record AxeFinding(string Rule, string Impact, string Page, string Account, string Size, string Target, string Summary)
{
    public override string ToString() => $"{Rule} ({Impact}) — {Page} — {Account}, {Size} — {Target} — {Summary}";
}

/// <summary>
/// One browser page (one context: one account, one size) walking pages and scanning each with axe-core
/// (WCAG 2.1 A and AA rules) and with the structure checks of issue 15 point 2 (title, one main, one h1,
/// heading levels, skip link, landmarks). Pages of the app are reached inside the circuit when possible
/// (<c>Blazor.navigateTo</c>: no new circuit per page), static account pages by loading them.
/// </summary>
public sealed class AxeWalk(IPage page, string account, string size)
{
    public string Account => account;

    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    public IPage Page { get; } = page;
    public string Size { get; set; } = size;
    public List<AxeFinding> Findings { get; } = [];

    /// <summary>Addresses to photograph (full page) after their scan, into the tests' screenshots folder.</summary>
    public IReadOnlySet<string> Screenshots { get; init; } = new HashSet<string>();
    public int Scans { get; private set; }

    /// <summary>Per scan: what, milliseconds to open, milliseconds of axe.</summary>
    public List<(string Label, long OpenMs, long AxeMs)> Timings { get; } = [];
    private long _openMs;

    /// <summary>Opens <paramref name="url"/> and waits until its content has loaded.</summary>
    public async Task OpenAsync(string url, bool reload = false)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var inCircuit = !reload && await Page.Locator(".mud-layout").CountAsync() > 0
            && new Uri(Page.Url).AbsolutePath != url.Split('?')[0];
        if (inCircuit)
        {
            await Page.EvaluateAsync(NavigateScript, url);
        }
        else
        {
            await Page.GotoAsync(url);
        }
        await WaitUntilReadyAsync();
        _openMs = clock.ElapsedMilliseconds;
    }

    public Task WaitUntilReadyAsync() => WaitUntilReadyAsync(Page);

    /// <summary>Waits until the page shows content, no loading bar and drawn charts, for 200 ms in a row.</summary>
    public static Task WaitUntilReadyAsync(IPage page) => page.WaitForFunctionAsync(ReadyScript, null, new() { PollingInterval = 50 });

    /// <summary>Scans what the page shows now; <paramref name="label"/> names it in the findings.</summary>
    public async Task ScanAsync(string label)
    {
        Scans++;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Legacy mode runs axe.run in the page itself. The default mode finishes each run in a new blank page
        // (for cross-origin frames, which the app has none of): two seconds per scan on a 2-core machine.
#pragma warning disable CS0618
        var result = await Page.Locator("html").RunAxeLegacy(Options).WaitAsync(TimeSpan.FromMinutes(1)); // evaluations have no timeout of their own
#pragma warning restore CS0618
        Timings.Add((label, _openMs, clock.ElapsedMilliseconds));
        _openMs = 0;
        foreach (var violation in result.Violations)
        {
            foreach (var node in violation.Nodes)
            {
                Findings.Add(new(violation.Id, violation.Impact ?? "", label, account, Size, node.Target?.ToString() ?? "", Message(node)));
            }
        }
        var problems = await Page.EvaluateAsync<string[][]>(StructureScript);
        Findings.AddRange(problems.Select(p => new AxeFinding(p[0], "structure", label, account, Size, p[1], p[2])));
    }

    /// <summary>Opens then scans, recording a page that never finished loading as a finding rather than stopping the walk.</summary>
    public async Task OpenAndScanAsync(string url, string? label = null, bool reload = false)
    {
        try
        {
            await OpenAsync(url, reload);
        }
        catch (TimeoutException e)
        {
            Findings.Add(new("page-not-ready", "test", label ?? url, account, Size, "", FirstLine(e.Message)));
            return;
        }
        await ScanAsync(label ?? url);
        if (Screenshots.Contains(url))
        {
            var name = $"a11y-{account}-{Size}-{url.Trim('/').Replace('/', '-')}".Replace(' ', '-').Replace("(", "").Replace(")", "");
            await BrowserFixture.ScreenshotAsync(Page, name + ".png", fullPage: true);
        }
    }

    /// <summary>What axe says is wrong with the element (its first failed check).</summary>
    private static string Message(AxeResultNode node) =>
        (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).FirstOrDefault(m => !string.IsNullOrEmpty(m)) ?? "";

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private const string NavigateScript = """
        url => {
            document.querySelectorAll('.mud-main-content .mud-container > *').forEach(e => e.setAttribute('data-axe-stale', ''));
            window.__axeSince = 0;
            Blazor.navigateTo(url);
        }
        """;

    private const string ReadyScript = """
        () => {
            // Not hidden, nor inside a collapsed panel (a box of no height that clips what it holds).
            const shown = el => {
                if (!el.checkVisibility()) return false;
                for (let a = el.parentElement; a; a = a.parentElement) {
                    if (a.getBoundingClientRect().height === 0 && getComputedStyle(a).overflow !== 'visible') return false;
                }
                return true;
            };
            const root = document.querySelector('.mud-main-content .mud-container') ?? document.querySelector('.account-page');
            const ok = !document.querySelector('[data-axe-stale]') && !!root && root.innerText.trim().length > 0
                && ![...document.querySelectorAll('.mud-main-content .mud-progress-linear.mud-progress-indeterminate')].some(shown)
                && [...document.querySelectorAll('.mud-main-content .mud-chart')].every(c => c.querySelector('svg text'));
            if (!ok) { window.__axeSince = 0; return false; }
            window.__axeSince ||= performance.now();
            return performance.now() - window.__axeSince >= 200;
        }
        """;

    /// <summary>Issue 15 point 2, in the page: [rule, element, what is wrong] for each problem.</summary>
    private const string StructureScript = """
        () => {
            const out = [];
            const add = (rule, target, summary) => out.push([rule, target, summary]);
            const text = el => (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ');
            const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ` « ${text(el).slice(0, 40)} »`;
            if (!/^\S.* — Centres Sociaux Connectés$/.test(document.title)) add('structure-title', 'title', `titre « ${document.title} »`);
            const mains = document.querySelectorAll('main, [role=main]');
            if (mains.length !== 1) add('structure-one-main', 'main', `${mains.length} éléments main`);
            const h1s = document.querySelectorAll('h1');
            if (h1s.length !== 1 || !text(h1s[0])) add('structure-one-h1', 'h1', `${h1s.length} h1`);
            let previous = 0;
            for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
                if (h.closest('[role=dialog], .mud-popover')) continue;
                const level = +h.tagName[1];
                if (level > previous + 1) add('structure-heading-order', name(h), `h${level} après h${previous}`);
                previous = level;
                if (/^[\d\s.,:%€+\-−–h\u00a0\u202f]*$/.test(text(h))) add('structure-figure-heading', name(h), 'un chiffre balisé comme titre');
            }
            const focusable = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
                .find(el => !el.disabled && el.tabIndex >= 0 && el.type !== 'hidden');
            const skipTarget = focusable?.getAttribute('href')?.startsWith('#') ? document.querySelector(focusable.getAttribute('href')) : null;
            if (!focusable || text(focusable) !== 'Aller au contenu' || !skipTarget?.matches('main')) {
                add('structure-skip-link', focusable ? name(focusable) : 'body', 'le premier élément atteint au clavier n\'est pas « Aller au contenu » vers main');
            }
            if (document.querySelector('.mud-layout')) {
                if (!document.querySelector('header, [role=banner]')) add('structure-landmarks', 'header', 'pas de bandeau (header)');
                if (!document.querySelector('nav[aria-label], [role=navigation][aria-label]')) add('structure-landmarks', 'nav', 'pas de navigation nommée');
            }
            return out;
        }
        """;
}

/// <summary>The scan's report: time taken, then elements and scans per rule (the before/after table of issue 15).</summary>
public static class AxeReport
{
    public static string Write(IReadOnlyList<AxeFinding> findings, int scans, TimeSpan total, TimeSpan seeding)
    {
        var lines = new List<string>
        {
            $"Accessibilité : {scans} analyses en {total.TotalSeconds:0} s (dont {seeding.TotalSeconds:0} s pour démarrer l'hôte de démonstration).",
            "",
            "| règle | impact | éléments | analyses touchées |",
            "|---|---|---:|---:|",
        };
        lines.AddRange(findings.GroupBy(f => (f.Rule, f.Impact)).OrderByDescending(g => g.Count())
            .Select(g => $"| {g.Key.Rule} | {g.Key.Impact} | {g.Count()} | {g.Select(f => (f.Page, f.Account, f.Size)).Distinct().Count()} |"));
        lines.Add($"| total | | {findings.Count} | {findings.Select(f => (f.Page, f.Account, f.Size)).Distinct().Count()} |");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Every finding, one a line, for the report file.</summary>
    public static string Details(IReadOnlyList<AxeFinding> findings) => string.Join(Environment.NewLine, findings);
}
