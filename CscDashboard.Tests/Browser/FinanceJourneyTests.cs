using CscDashboard.Core.Common;
using CscDashboard.Core.Finance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class FinanceJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task On_a_phone_a_coordinator_adds_an_expense_and_sees_the_execution_figure_change()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        await Browser.App.AddUserAsync("coord-finance@test.csc", Roles.Coordinator, "CAM");
        await using (var setup = await Browser.App.CreateDbAsync())
        {
            setup.BudgetLines.Add(new BudgetLine
            {
                OperationId = await setup.Operations.Where(o => o.Code == "TEST-COURANTE").Select(o => o.Id).SingleAsync(),
                TerritoryId = await setup.Territories.Where(t => t.Code == "CAM").Select(t => t.Id).SingleAsync(),
                Category = CostCategory.Communication, Label = "Communication", Amount = 1_000m,
            });
            await setup.SaveChangesAsync();
        }
        var page = await Browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page, "coord-finance@test.csc");

        await page.GotoAsync("/finance?operation=TEST-COURANTE&territory=CAM");
        await page.Locator(".network-header[data-interactive=true]").WaitForAsync();
        var spent = page.GetByTestId("execution-territories-spent");
        await Assertions.Expect(spent).ToHaveTextAsync(FinanceRules.Euros(0m));
        await BrowserFixture.ScreenshotAsync(page, "finance-execution-390.png", fullPage: true);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Dépenses" }).ClickAsync();
        await page.ClickAsync("#expense-new");
        // The dialog puts the focus in its first field once open (MudFocusTrap, after two round trips): text typed in
        // another field before that would go on in the supplier's field.
        await Assertions.Expect(page.Locator("#expense-supplier")).ToBeFocusedAsync();
        await page.FillAsync("#expense-supplier", "Imprimerie du Cambrésis");
        await page.FillAsync("#expense-number", "IC-2024-017");
        await page.FillAsync("#expense-excl-vat", "100");
        await page.FillAsync("#expense-vat", "20,5");
        // The eligible amount is left empty: it is the total incl. VAT.
        await page.Locator("div.mud-select:has(#expense-category)").First.ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Communication" }).ClickAsync();
        // MudSelect takes the option only after a round trip to the browser (it closes its list first): « Enregistrer »
        // clicked before the field shows the choice saves the previous category, « Déplacements ».
        await Assertions.Expect(page.Locator("div.mud-select:has(#expense-category)").First).ToContainTextAsync("Communication");
        await BrowserFixture.ScreenshotAsync(page, "finance-expense-dialog-390.png", fullPage: true);
        await page.ClickAsync("#expense-save");
        await Assertions.Expect(page.GetByText("Dépense enregistrée.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-table-body").GetByText("Imprimerie du Cambrésis")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "finance-expenses-390.png", fullPage: true);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Exécution" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("execution-territories-spent")).ToHaveTextAsync(FinanceRules.Euros(120.50m));
        await Assertions.Expect(page.GetByTestId("execution-categories").Locator("tbody tr")).ToContainTextAsync("12,1 %");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"/finance is {overflow} px wider than a 390 px screen");

        await using var db = await Browser.App.CreateDbAsync();
        var stored = await db.Expenses.SingleAsync(e => e.InvoiceNumber == "IC-2024-017");
        Assert.Equal((100m, 20.5m, 120.5m), (stored.AmountExclVat, stored.Vat, stored.EligibleAmount));
    }

    [SkippableFact]
    public async Task Dates_typed_in_the_expense_form_are_read_or_refused_with_a_french_message()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        await Browser.App.AddUserAsync("coord-dates@test.csc", Roles.Coordinator, "LIL");
        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "coord-dates@test.csc");
        await page.GotoAsync("/finance?operation=TEST-COURANTE&territory=LIL"); // not CAM: the phone journey counts CAM's expenses
        await page.Locator(".network-header[data-interactive=true]").WaitForAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Dépenses" }).ClickAsync();
        await page.ClickAsync("#expense-new");
        await Assertions.Expect(page.Locator("#expense-supplier")).ToBeFocusedAsync(); // the dialog's own first focus is done
        await page.FillAsync("#expense-supplier", "Papeterie de Cambrai");
        await page.FillAsync("#expense-number", "PC-88");
        await page.FillAsync("#expense-excl-vat", "40");

        // The input itself: MudDatePicker gives its calendar popover the same id while it is open (or closing).
        var invoiceDate = page.Locator("input#expense-invoice-date");
        var invoiceField = page.Locator(".mud-input-control:has(#expense-invoice-date)");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10);
        var read = French.Capitalize(French.WeekdayDayMonthYear(day));
        foreach (var typed in new[] { day.ToString("dd/MM/yyyy", French.Culture), day.ToString("dd/MM/yy", French.Culture), day.ToString("yyyy-MM-dd", French.Culture), day.ToString("ddMMyyyy", French.Culture) })
        {
            // Each form starts from another date, so that the helper can only show the day if the typed text was read.
            await invoiceDate.FillAsync("01/01/2000");
            await invoiceDate.PressAsync("Tab");
            await Assertions.Expect(invoiceField.Locator(".mud-input-helper-text")).ToContainTextAsync("1er janvier 2000");
            await invoiceDate.FillAsync(typed);
            await invoiceDate.PressAsync("Tab");
            await Assertions.Expect(invoiceField.Locator(".mud-input-helper-text")).ToHaveTextAsync(read);
            await Assertions.Expect(invoiceField.Locator(".mud-input-error")).ToHaveCountAsync(0);
        }

        await invoiceDate.FillAsync("32/13/2023");
        await invoiceDate.PressAsync("Tab");
        await Assertions.Expect(invoiceField.Locator(".mud-input-helper-text"))
            .ToHaveTextAsync("Date invalide : il n'y a pas de mois 13 ; saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.");
        // A date picked in the calendar after a refused text is taken, and the message goes.
        await invoiceField.Locator("button").Last.ClickAsync();
        await page.Locator(".mud-popover-open .mud-picker-calendar button").GetByText("1", new() { Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-picker-calendar")).ToHaveCountAsync(0);
        await Assertions.Expect(invoiceField.Locator(".mud-input-helper-text")).ToContainTextAsync("1er");
        await Assertions.Expect(invoiceField.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await invoiceDate.FillAsync("32/13/2023");
        await invoiceDate.PressAsync("Tab");
        await Assertions.Expect(invoiceField.Locator(".mud-input-error")).Not.ToHaveCountAsync(0);
        var paymentDate = page.Locator("input#expense-payment-date");
        await paymentDate.FillAsync("abc");
        await paymentDate.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".mud-input-control:has(#expense-payment-date) .mud-input-helper-text"))
            .ToHaveTextAsync("Date invalide : saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.");
        await page.ClickAsync("#expense-save");
        await Assertions.Expect(page.Locator("#expense-save")).ToBeVisibleAsync(); // nothing saved while a date is wrong
        // The eligible amount was never touched: it shows its helper, never an error.
        await Assertions.Expect(page.Locator(".mud-input-control:has(#expense-eligible) .mud-input-error")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "finance-expense-dates-1366.png");

        await invoiceDate.FillAsync(day.ToString("ddMMyy", French.Culture));
        await invoiceDate.PressAsync("Tab");
        await paymentDate.FillAsync("");
        await paymentDate.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".mud-dialog .mud-input-error")).ToHaveCountAsync(0);
        await page.ClickAsync("#expense-save");
        await Assertions.Expect(page.GetByText("Dépense enregistrée.")).ToBeVisibleAsync();

        await using var db = await Browser.App.CreateDbAsync();
        var stored = await db.Expenses.SingleAsync(e => e.InvoiceNumber == "PC-88");
        Assert.Equal((day, (DateOnly?)null, 40m), (stored.InvoiceDate, stored.PaymentDate, stored.EligibleAmount));
    }
}
