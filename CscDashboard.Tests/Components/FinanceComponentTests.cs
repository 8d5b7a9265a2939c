using Bunit;
using CscDashboard.Core.Common;
using CscDashboard.Core.Finance;
using CscDashboard.Tests.Core.Finance;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Pages.Finance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace CscDashboard.Tests.Components;

/// <summary>The expense dialog and the staff-costs tab over the real Core service (SQLite).</summary>
public sealed class FinanceComponentTests : MudTestContext
{
    private CoreTestContext _core = default!;
    private FinanceWorld _world = default!;

    public override async Task InitializeAsync()
    {
        _core = await CoreTestContext.CreateAsync();
        _world = await FinanceWorld.CreateAsync(_core);
        _core.ActAs(_world.ArtCoordinator);
        Services.AddSingleton(_core.Get<BudgetService>());
        Services.AddSingleton(_core.Get<FundingService>());
        Services.AddSingleton(_core.Get<ExpenseService>());
        Services.AddSingleton(_core.Get<FinanceFiguresService>());
    }

    protected override async Task OnDisposeAsync() => await _core.DisposeAsync();

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(ExpenseInput input)
    {
        var provider = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var territories = await _core.Get<FinanceFiguresService>().TerritoriesAsync();
        var parameters = new DialogParameters<ExpenseDialog> { { d => d.Input, input }, { d => d.Territories, territories } };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ExpenseDialog>(null, parameters));
        return provider;
    }

    private async Task<int> ExpenseCountAsync()
    {
        await using var db = _core.CreateDb();
        return await db.Expenses.CountAsync();
    }

    [Fact]
    public async Task Bad_expense_input_shows_french_messages_under_the_fields_and_writes_nothing()
    {
        var before = await ExpenseCountAsync();
        var provider = await OpenAsync(new ExpenseInput
        {
            OperationId = _world.OperationId, TerritoryId = _world.Art, Supplier = "", InvoiceNumber = "F-77",
            InvoiceDate = new DateOnly(2023, 3, 1), PaymentDate = new DateOnly(2023, 2, 1), AmountExclVat = 100m, Vat = 20m, EligibleAmount = 130m,
        });

        await provider.Find("#expense-save").ClickAsync(new());

        provider.WaitForAssertion(() =>
        {
            Assert.Contains("Le fournisseur est obligatoire.", provider.Markup);
            Assert.Contains("La date de paiement ne peut pas précéder la date de facture.", provider.Markup);
            Assert.Contains("Le montant éligible ne peut pas dépasser le montant TTC", provider.Markup);
        });
        Assert.Equal(3, provider.FindAll(".mud-input-helper-text.mud-input-error").Count);
        Assert.Empty(provider.FindAll(".mud-alert")); // every message is under its field, none in a banner
        Assert.Equal(before, await ExpenseCountAsync());
    }

    [Fact]
    public async Task A_valid_expense_is_saved_and_the_dialog_closes()
    {
        var before = await ExpenseCountAsync();
        var provider = await OpenAsync(new ExpenseInput
        {
            OperationId = _world.OperationId, TerritoryId = _world.Art, Supplier = "Signalétique Artois", InvoiceNumber = "SIA-12",
            InvoiceDate = new DateOnly(2023, 3, 3), Category = CostCategory.Communication, AmountExclVat = 300m, Vat = 60m, EligibleAmount = 360m,
        });

        await provider.Find("#expense-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("#expense-save")));
        Assert.Equal(before + 1, await ExpenseCountAsync());
    }

    [Theory]
    [InlineData(360, "", 460)] // eligible = total incl. VAT: the field is empty and the saved amount is the new total
    [InlineData(300, "300", 300)] // a lower eligible amount typed earlier is kept when the amounts change
    public async Task The_eligible_amount_is_the_total_incl_VAT_unless_one_is_typed(decimal eligible, string shown, decimal saved)
    {
        var provider = await OpenAsync(new ExpenseInput
        {
            OperationId = _world.OperationId, TerritoryId = _world.Art, Supplier = "Signalétique Artois", InvoiceNumber = $"SIA-{eligible}",
            InvoiceDate = new DateOnly(2023, 3, 3), Category = CostCategory.Communication, AmountExclVat = 300m, Vat = 60m, EligibleAmount = eligible,
        });
        Assert.Equal(shown, provider.Find("#expense-eligible").GetAttribute("value") ?? "");

        await provider.Find("#expense-excl-vat").ChangeAsync(new() { Value = "400" });
        Assert.Contains("460,00", provider.Find(".mud-input-control:has(#expense-eligible) .mud-input-helper-text").TextContent);
        await provider.Find("#expense-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("#expense-save")));
        await using var db = _core.CreateDb();
        var stored = await db.Expenses.SingleAsync(e => e.InvoiceNumber == $"SIA-{eligible}");
        Assert.Equal((400m, 60m, saved), (stored.AmountExclVat, stored.Vat, stored.EligibleAmount));
    }

    private ExpenseInput ValidInput(string number) => new()
    {
        OperationId = _world.OperationId, TerritoryId = _world.Art, Supplier = "Signalétique Artois", InvoiceNumber = number,
        InvoiceDate = new DateOnly(2023, 3, 3), Category = CostCategory.Communication, AmountExclVat = 300m, Vat = 60m, EligibleAmount = 360m,
    };

    [Theory]
    [InlineData("15/03/2023")]
    [InlineData("15/03/23")]
    [InlineData("2023-03-15")]
    [InlineData("15032023")]
    [InlineData("15 mars 2023")]
    public async Task A_payment_date_typed_in_an_accepted_form_is_read_and_saved(string typed)
    {
        var provider = await OpenAsync(ValidInput($"DATE-{typed}"));

        await provider.Find("#expense-payment-date").ChangeAsync(new() { Value = typed });

        Assert.Empty(provider.FindAll(".mud-input-error"));
        Assert.Contains("Mercredi 15 mars 2023", provider.Find(".mud-input-control:has(#expense-payment-date)").TextContent);
        await provider.Find("#expense-save").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("#expense-save")));
        await using var db = _core.CreateDb();
        Assert.Equal(new DateOnly(2023, 3, 15), (await db.Expenses.SingleAsync(e => e.InvoiceNumber == $"DATE-{typed}")).PaymentDate);
    }

    [Theory]
    [InlineData("32/13/2023", "Date invalide : il n'y a pas de mois 13 ; saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.")]
    [InlineData("31/04/2023", "Date invalide : avril 2023 n'a que 30 jours ; saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.")]
    [InlineData("abc", "Date invalide : saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.")]
    public async Task A_date_that_cannot_be_read_gets_a_french_message_under_its_field_and_nothing_is_saved(string typed, string message)
    {
        var before = await ExpenseCountAsync();
        var provider = await OpenAsync(ValidInput("DATE-BAD"));

        await provider.Find("#expense-invoice-date").ChangeAsync(new() { Value = typed });
        await provider.Find("#expense-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Equal(message,
            Assert.Single(provider.FindAll(".mud-input-helper-text.mud-input-error")).TextContent.Trim()));
        Assert.NotEmpty(provider.FindAll("#expense-save")); // the dialog stays open
        Assert.Equal(before, await ExpenseCountAsync());

        // Once the date is typed right, the message goes and the expense is saved with that date.
        await provider.Find("#expense-invoice-date").ChangeAsync(new() { Value = "01/03/2023" });
        Assert.Empty(provider.FindAll(".mud-input-error"));
        await provider.Find("#expense-save").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("#expense-save")));
        await using var db = _core.CreateDb();
        Assert.Equal(new DateOnly(2023, 3, 1), (await db.Expenses.SingleAsync(e => e.InvoiceNumber == "DATE-BAD")).InvoiceDate);
    }

    [Theory]
    [InlineData("abc", "Date invalide : saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.")]
    [InlineData("31/04/2023", "Date invalide : avril 2023 n'a que 30 jours ; saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.")]
    public async Task A_date_typed_right_after_a_render_of_the_form_gets_its_message_as_soon_as_it_is_typed(string typed, string expected)
    {
        // MudDatePicker ignores a date equal to the one it holds when it comes less than 100 ms after the last date it was
        // given, and the form gives it its date at every render: on a busy server the text typed next is taken in that window.
        // A frozen clock keeps the window open, so that the message may only come from the text being typed.
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2023, 3, 20, 9, 0, 0, TimeSpan.Zero)));
        var provider = await OpenAsync(ValidInput("DATE-LATE")); // no payment date: unreadable text leaves it empty, unchanged
        const string error = ".mud-input-control:has(#expense-payment-date) .mud-input-helper-text.mud-input-error";

        await provider.Find("#expense-payment-date").ChangeAsync(new() { Value = typed });

        provider.WaitForAssertion(() => Assert.Equal(expected, provider.Find(error).TextContent.Trim()));
        // Emptied, the optional field is right again: its message goes at once too.
        await provider.Find("#expense-payment-date").ChangeAsync(new() { Value = "" });
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-input-error")));
    }

    [Fact]
    public async Task The_untouched_eligible_amount_shows_no_error_when_the_amount_excl_VAT_is_wrong()
    {
        var provider = await OpenAsync(ValidInput("NEG-1"));

        await provider.Find("#expense-excl-vat").ChangeAsync(new() { Value = "-500" });
        await provider.Find("#expense-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Contains("Le montant HT ne peut pas être négatif.", provider.Markup));
        Assert.Single(provider.FindAll(".mud-input-helper-text.mud-input-error"));
        Assert.DoesNotContain("Le montant éligible", provider.Markup);
        Assert.Empty(provider.FindAll(".mud-alert"));
    }

    [Fact]
    public async Task The_funding_source_dialog_reads_typed_dates_the_same_way()
    {
        var provider = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var parameters = new DialogParameters<FundingSourceDialog> { { d => d.Input, new FundingSourceInput { OperationId = _world.OperationId } } };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<FundingSourceDialog>(null, parameters));

        await provider.Find("#funding-committed-on").ChangeAsync(new() { Value = "31/04/2023" });
        // The user's next step, « Enregistrer », is refused while the date is wrong and renders the converter's message under the field.
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Enregistrer").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Equal(
            "Date invalide : avril 2023 n'a que 30 jours ; saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.",
            Assert.Single(provider.FindAll(".mud-input-helper-text.mud-input-error")).TextContent.Trim()));

        await provider.Find("#funding-committed-on").ChangeAsync(new() { Value = "300423" });
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-input-error")));
    }

    [Fact]
    public async Task The_staff_costs_tab_shows_hours_rate_and_amounts_in_french()
    {
        var figures = await _core.Get<FinanceFiguresService>().FiguresAsync(_world.WholeOperation(_world.Art));

        var tab = Render<StaffCostsTab>(p => p.Add(t => t.Figures, figures));

        var member = Assert.Single(tab.FindAll("[data-testid=staff-costs] tbody tr"));
        Assert.Contains("Camille Martin", member.TextContent);
        Assert.Contains("2 mois", member.TextContent);
        Assert.Contains("10,00 h", member.TextContent);
        Assert.Contains("20,00", member.TextContent);

        await tab.Find("tr.staff-member button").ClickAsync(new());

        var months = tab.FindAll("tr.staff-month");
        Assert.Equal(2, months.Count);
        Assert.Contains("Février 2023", months[0].TextContent);
        Assert.Contains("30,00", months[0].TextContent);
        Assert.Contains("Mars 2023", months[1].TextContent);
        Assert.Contains("8,50 h", months[1].TextContent);
        Assert.Contains("170,00", months[1].TextContent);
        Assert.Contains("200,00", tab.Find("[data-testid=staff-total]").TextContent);
        // CSC-2021-2023 uses the flat 15 %: 15 % of 200,00 €.
        Assert.Contains("30,00", tab.Find("[data-testid=indirect-total]").TextContent);
        Assert.Contains("forfait de 15 %", tab.Markup);
    }
}
