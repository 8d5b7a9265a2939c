using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Nothing is cut on the dashboards and the finance page, on a laptop (1366 × 900) and a phone (390 × 844),
/// for the project lead and a coordinator (ADR 014). What is accepted:
/// - the page never scrolls sideways;
/// - no KPI tile part, table cell, heading or filter field (the chosen value of a list) of the main content
///   has text wider than its box (an ellipsis or clipped text is a failure);
/// - at 1366 px every table fits its card: every column is visible without scrolling;
/// - at 390 px a table may be wider than its card only inside a horizontally scrollable box
///   (<c>.table-scroll</c>, overflow-x auto), where every column is reached with a swipe.
/// The figures are large on purpose (tens of thousands of hours, six-figure euros) and the territory names
/// are the long reference ones.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class OverflowTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string Quarter = "2022-Q3";
    private const string OperationCode = "TEST-DEBORD";

    [SkippableTheory]
    [InlineData(Roles.ProjectLead, 1366, 900)]
    [InlineData(Roles.ProjectLead, 390, 844)]
    [InlineData(Roles.Coordinator, 1366, 900)]
    [InlineData(Roles.Coordinator, 390, 844)]
    public async Task Dashboards_and_finance_show_every_label_and_column(string role, int width, int height)
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await EnsureDataAsync();
        var email = $"overflow-{role.ToLowerInvariant()}-{width}@test.csc";
        await Browser.App.AddUserAsync(email, role, "LLH");
        var page = await Browser.NewPageAsync(width, height);
        await BrowserFixture.SignInAsync(page, email);

        var problems = new List<string>();
        await page.GotoAsync($"/dashboard?period={Quarter}");
        await Assertions.Expect(page.GetByTestId("territories")).ToContainTextAsync("Roubaix-Tourcoing & Lys");
        await WaitForChartsAsync(page, 3);
        await BrowserFixture.ScreenshotAsync(page.GetByTestId("trend"), $"overflow-trend-{role.ToLowerInvariant()}-{width}.png");
        problems.AddRange(await MeasureAsync(page, "dashboard", role, width));

        // The current quarter (the default period): its trend ends with this month, named partial.
        await page.GotoAsync("/dashboard");
        await Assertions.Expect(page.GetByTestId("trend-partial")).ToContainTextAsync("est en cours");
        await Assertions.Expect(page.GetByTestId("comparison")).ToContainTextAsync("comparaison à date");
        await WaitForChartsAsync(page, 3);
        await BrowserFixture.ScreenshotAsync(page.GetByTestId("trend"), $"overflow-trend-current-{role.ToLowerInvariant()}-{width}.png");
        problems.AddRange(await MeasureAsync(page, "dashboard-current", role, width));

        await page.GotoAsync($"/territories/LLH?period={Quarter}");
        await page.GetByTestId("centres").WaitForAsync();
        await WaitForChartsAsync(page, 2);
        problems.AddRange(await MeasureAsync(page, "territory", role, width));

        var territory = role == Roles.Coordinator ? "&territory=LLH" : "";
        await page.GotoAsync($"/finance?operation={OperationCode}{territory}");
        await page.Locator(".network-header[data-interactive=true]").WaitForAsync();
        var execution = page.GetByTestId("execution-territories");
        await Assertions.Expect(execution.Locator("thead")).ToContainTextAsync("Non présenté");
        await Assertions.Expect(execution.Locator("thead")).ToContainTextAsync("%");
        problems.AddRange(await MeasureAsync(page, "finance", role, width));

        Assert.True(problems.Count == 0, $"Cut or overflowing at {width} px ({role}):\n" + string.Join("\n", problems));
    }

    /// <summary>Charts sized to their box draw once the browser has measured it: wait until each has its axis labels.</summary>
    private static Task<IJSHandle> WaitForChartsAsync(IPage page, int charts) => page.WaitForFunctionAsync(
        "n => { const svgs = [...document.querySelectorAll('.chart-box svg')]; return svgs.length >= n && svgs.every(s => s.querySelectorAll('text').length > 3); }",
        charts);

    /// <summary>
    /// Runs the checks in the page and takes a full-page screenshot (outside CI); returns one line per problem, naming the element.
    /// Every table must fit its card on a laptop unless <paramref name="tablesMayScroll"/> (wider text spacing).
    /// </summary>
    private static async Task<IReadOnlyList<string>> MeasureAsync(IPage page, string name, string role, int width, bool tablesMayScroll = false)
    {
        await BrowserFixture.ScreenshotAsync(page, $"overflow-{name}-{role.ToLowerInvariant()}-{width}.png", fullPage: true);
        var found = await page.EvaluateAsync<string[]>(MeasureScript, width >= 1000 && !tablesMayScroll);
        return found.Select(p => $"{name}: {p}").ToList();
    }

    private const string MeasureScript = """
        (wide) => {
            const problems = [];
            const name = el => {
                const id = el.id ? '#' + el.id : '';
                const testid = el.closest('[data-testid]')?.getAttribute('data-testid');
                const text = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
                return `<${el.tagName.toLowerCase()}${id}> in [${testid ?? 'page'}] "${text}"`;
            };
            const doc = document.documentElement;
            if (doc.scrollWidth > doc.clientWidth + 1) {
                problems.push(`the page is ${doc.scrollWidth - doc.clientWidth} px wider than the window`);
            }
            const main = document.querySelector('.mud-main-content') ?? document.body;
            // Text wider than its own box: clipped, hidden behind an ellipsis, or spilling over a neighbour.
            const boxes = main.querySelectorAll('.kpi-tile, .kpi-tile *, th, td, h1, h2, h3, h4, h5, h6, .mud-typography, .mud-input-slot');
            for (const el of boxes) {
                const style = getComputedStyle(el);
                if (style.display === 'inline' || style.display === 'none' || el.closest('svg') || el.clientWidth === 0) continue;
                if (el.scrollWidth > el.clientWidth + 1) {
                    problems.push(`${name(el)} needs ${el.scrollWidth} px, has ${el.clientWidth} px (text-overflow: ${style.textOverflow})`);
                }
            }
            const scroller = el => { for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
                if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return a; } return null; };
            // Tables: all columns visible on a laptop; on a phone, a wider table must sit in a sideways-scrolling box.
            for (const table of main.querySelectorAll('table')) {
                const box = table.closest('.table-scroll') ?? scroller(table) ?? table.parentElement;
                const tableWidth = table.getBoundingClientRect().width;
                if (tableWidth <= box.clientWidth + 1) continue;
                const scrolling = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
                if (wide || !scrolling) {
                    problems.push(`${name(table)}: the table is ${Math.round(tableWidth)} px wide in a ${box.clientWidth} px box`
                        + (scrolling ? ' (columns hidden until scrolled)' : ' that does not scroll'));
                }
            }
            // Anything past the window's right edge outside a scrolling box is out of reach.
            for (const el of main.querySelectorAll('*')) {
                if (el.closest('.table-scroll') || el.closest('svg') || scroller(el)) continue;
                const rect = el.getBoundingClientRect();
                if (rect.width > 0 && rect.right > doc.clientWidth + 1) {
                    problems.push(`${name(el)} ends at ${Math.round(rect.right)} px, past the ${doc.clientWidth} px window`);
                }
            }
            return problems.slice(0, 40);
        }
        """;

    private static readonly SemaphoreSlim Seeding = new(1, 1);

    /// <summary>
    /// Once for the shared app: a third quarter of 2022 with a big activity in every territory (a centre and a partner
    /// with long names), and an operation of its own whose flat 40 % option leaves expenses "non présentées".
    /// </summary>
    private async Task EnsureDataAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            await using var db = await Browser.App.CreateDbAsync();
            if (await db.Operations.AnyAsync(o => o.Code == OperationCode))
            {
                return;
            }
            var author = await Browser.App.AddUserAsync("overflow-author@test.csc", Roles.ProjectLead);
            var first = await db.Operations.Where(o => o.Code == "CSC-2021-2023").Select(o => o.Id).SingleAsync();
            var territories = await db.Territories.OrderBy(t => t.Number).ToListAsync();
            foreach (var territory in territories)
            {
                var centre = new SocialCentre
                {
                    Name = $"Centre social et culturel intercommunal {territory.Name}", Commune = "Saint-Martin-Boulogne", Postcode = "62280",
                    TerritoryId = territory.Id, Status = CentreStatus.Engaged, EngagedOn = new(2021, 10, 1),
                };
                var partner = new Partner { Name = $"Communauté d'agglomération {territory.Name}", Kind = PartnerKind.Epci, TerritoryId = territory.Id };
                db.AddRange(centre, partner);
                var activity = new Activity
                {
                    OperationId = first, Date = new(2022, 8, 10 + territory.Number % 5), DurationMinutes = 600_000 + territory.Number * 997,
                    TerritoryId = territory.Id, AuthorId = author, Type = ActivityType.PublicAction, Format = ActivityFormat.Workshop,
                    Place = ActivityPlace.InCentre, Title = "Ateliers numériques de l'été", InhabitantCount = 123_456, ProfessionalCount = 4_567,
                    VolunteerCount = 890, Centres = [new ActivityCentre { Centre = centre }], Partners = [new ActivityPartner { Partner = partner }],
                };
                activity.RefreshDerivedValues();
                db.Activities.Add(activity);
            }
            var operation = new Operation
            {
                Code = OperationCode, Name = "Opération de test des largeurs", Programme = "Tests", StartDate = new(2031, 1, 1),
                EndDate = new(2031, 12, 31), RetentionUntil = new(2035, 12, 31), IndirectCosts = IndirectCostsOption.FlatRate40,
            };
            db.Operations.Add(operation);
            await db.SaveChangesAsync();
            foreach (var territory in territories)
            {
                foreach (var category in new[] { CostCategory.Staff, CostCategory.Travel, CostCategory.Equipment, CostCategory.ExternalServices, CostCategory.Communication })
                {
                    db.BudgetLines.Add(new BudgetLine
                    {
                        OperationId = operation.Id, TerritoryId = territory.Id, Category = category, Label = $"{category} {territory.Code}", Amount = 987_654.32m,
                    });
                }
                db.Expenses.Add(new Expense
                {
                    OperationId = operation.Id, TerritoryId = territory.Id, Supplier = "Imprimerie des Flandres et de l'Audomarois",
                    InvoiceNumber = $"DEB-{territory.Code}", InvoiceDate = new(2031, 3, 15), Category = CostCategory.Communication,
                    AmountExclVat = 123_456.78m, Vat = 24_691.36m, EligibleAmount = 148_148.14m,
                });
            }
            await db.SaveChangesAsync();
            await ActivityStatsUpdater.RebuildAllAsync(db);
        }
        finally
        {
            Seeding.Release();
        }
    }
}
