using CscDashboard.Core.Finance;
using CscDashboard.Core.Operations;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>
/// Budget lines (territory × category), expenses and funding sources for each operation.
/// Under the flat 40 % option the flat rate covers every cost but staff: such operations get staff
/// and indirect budget lines only; their supplier invoices are recorded (with their eligible amount)
/// and the finance figures (FinanceFiguresService) leave them out of the claim.
/// </summary>
internal sealed class DemoFinanceGenerator(DemoWorld world)
{
    private const decimal VatRate = 0.20m;

    /// <summary>Co-funding agreements by operation code: name, kind, committed amount, signature date.</summary>
    private static readonly Dictionary<string, (string Name, FundingKind Kind, decimal Committed, DateOnly On)[]> Funding = new()
    {
        [ReferenceData.FirstOperationCode] =
        [
            ("FEDER REACT-EU (Région Hauts-de-France)", FundingKind.FederReactEu, 1_450_000m, new(2021, 11, 25)),
            ("Région Hauts-de-France", FundingKind.Region, 120_000m, new(2021, 10, 14)),
            ("CAF du Nord", FundingKind.Caf, 90_000m, new(2021, 12, 9)),
            ("CAF du Pas-de-Calais", FundingKind.Caf, 60_000m, new(2022, 1, 20)),
            ("Département du Nord", FundingKind.Departement, 50_000m, new(2022, 2, 17)),
            ("Département du Pas-de-Calais", FundingKind.Departement, 40_000m, new(2022, 3, 24)),
        ],
        [DemoDataSeeder.SecondOperationCode] =
        [
            ("FEDER-FSE+ 2021-2027 (Région Hauts-de-France)", FundingKind.FederReactEu, 1_600_000m, new(2024, 4, 18)),
            ("Région Hauts-de-France", FundingKind.Region, 400_000m, new(2024, 2, 8)),
            ("CAF du Nord", FundingKind.Caf, 250_000m, new(2024, 3, 14)),
            ("CAF du Pas-de-Calais", FundingKind.Caf, 180_000m, new(2024, 3, 28)),
            ("Département du Nord", FundingKind.Departement, 120_000m, new(2024, 5, 23)),
            ("Département du Pas-de-Calais", FundingKind.Departement, 90_000m, new(2024, 6, 13)),
            ("Banque des Territoires", FundingKind.Other, 60_000m, new(2024, 9, 19)),
        ],
    };

    /// <summary>Real-cost categories: label and planned amount per territory and year of operation.</summary>
    private static readonly (CostCategory Category, string Label, decimal PerYear)[] OtherCosts =
    [
        (CostCategory.Travel, "Frais de déplacement", 2_500m),
        (CostCategory.Equipment, "Équipement des espaces numériques", 5_000m),
        (CostCategory.ExternalServices, "Prestations externes (formations, évaluation)", 5_000m),
        (CostCategory.Communication, "Communication et publicité européenne", 1_800m),
        (CostCategory.Other, "Autres frais", 800m),
    ];

    private readonly Random _rng = new(2024);
    private readonly HashSet<string> _invoiceNumbers = [];

    public List<BudgetLine> BudgetLines()
    {
        var lines = new List<BudgetLine>();
        foreach (var operation in world.Operations)
        {
            var years = (operation.EndDate.DayNumber - operation.StartDate.DayNumber + 1) / 365.25m;
            foreach (var territory in world.Territories)
            {
                var staff = Hundreds(45_000m * years * (0.95m + _rng.Next(0, 11) / 100m));
                lines.Add(Line(operation, territory.Id, CostCategory.Staff, "Frais de personnel (coordination territoriale)", staff));
                if (IndirectRate(operation) is { } rate)
                {
                    lines.Add(Line(operation, territory.Id, CostCategory.Indirect, $"Coûts indirects (forfait de {(int)(rate * 100)} %)", Math.Round(staff * rate, 2)));
                }
                if (operation.IndirectCosts != IndirectCostsOption.FlatRate40)
                {
                    lines.AddRange(OtherCosts.Select(c => Line(operation, territory.Id, c.Category, c.Label, Hundreds(c.PerYear * years))));
                }
            }
        }
        return lines;
    }

    private static decimal Hundreds(decimal amount) => Math.Round(amount / 100m, 0, MidpointRounding.AwayFromZero) * 100m;

    private static BudgetLine Line(Operation operation, int territoryId, CostCategory category, string label, decimal amount) =>
        new() { OperationId = operation.Id, TerritoryId = territoryId, Category = category, Label = label, Amount = amount };

    private static decimal? IndirectRate(Operation operation) => operation.IndirectCosts switch
    {
        IndirectCostsOption.FlatRate15 => 0.15m,
        IndirectCostsOption.FlatRate40 => 0.40m,
        _ => null,
    };

    /// <summary>About ten invoices per territory and operation, dated in the elapsed part of the operation.</summary>
    public List<Expense> Expenses()
    {
        var expenses = new List<Expense>();
        foreach (var operation in world.Operations)
        {
            var first = operation.StartDate.AddDays(14);
            var last = operation.EndDate < world.Today ? operation.EndDate : world.Today;
            if (last < first)
            {
                continue;
            }
            var coveredByFlatRate = operation.IndirectCosts == IndirectCostsOption.FlatRate40;
            foreach (var territory in world.Territories)
            {
                for (var i = 0; i < 10; i++)
                {
                    expenses.Add(Expense(operation, territory.Id, first.AddDays(_rng.Next(0, last.DayNumber - first.DayNumber + 1)), coveredByFlatRate));
                }
            }
        }
        return expenses;
    }

    private Expense Expense(Operation operation, int territoryId, DateOnly invoiceDate, bool coveredByFlatRate)
    {
        var supplier = _rng.Pick(DemoCatalog.Suppliers);
        var amount = DemoCatalog.Euros(supplier.MinAmount + _rng.NextDouble() * (supplier.MaxAmount - supplier.MinAmount));
        var vat = Math.Round(amount * VatRate, 2, MidpointRounding.AwayFromZero);
        // The federation does not recover VAT, so it is eligible; shared equipment is claimed pro rata.
        var share = supplier.Category == CostCategory.Equipment && _rng.Chance(0.2) ? 0.5m : 1m;
        var paid = invoiceDate.AddDays(_rng.Next(15, 46));
        string number;
        do
        {
            number = $"{supplier.Prefix}-{invoiceDate.Year}-{_rng.Next(1, 10_000):0000}";
        }
        while (!_invoiceNumbers.Add(number));
        return new Expense
        {
            OperationId = operation.Id,
            TerritoryId = territoryId,
            Supplier = supplier.Name,
            InvoiceNumber = number,
            InvoiceDate = invoiceDate,
            PaymentDate = paid <= world.Today ? paid : null,
            Description = supplier.Description
                + (coveredByFlatRate ? " (couvert par le forfait de 40 %, non présenté)" : share < 1 ? " (usage partagé : 50 % présenté)" : ""),
            Category = supplier.Category,
            AmountExclVat = amount,
            Vat = vat,
            EligibleAmount = Math.Round((amount + vat) * share, 2, MidpointRounding.AwayFromZero),
        };
    }

    /// <summary>
    /// Agreements signed by today, with what has come in by today: an advance of 30 % two months
    /// after signature, yearly interim payments sharing 60 %, the 10 % balance nine months after the end.
    /// </summary>
    public List<FundingSource> FundingSources()
    {
        var sources = new List<FundingSource>();
        foreach (var operation in world.Operations)
        {
            if (!Funding.TryGetValue(operation.Code, out var agreements))
            {
                continue;
            }
            foreach (var (name, kind, committed, on) in agreements.Where(a => a.On <= world.Today))
            {
                var payments = Payments(operation, committed, on).Where(p => p.On <= world.Today).ToList();
                sources.Add(new FundingSource
                {
                    OperationId = operation.Id,
                    Name = name,
                    Kind = kind,
                    Committed = committed,
                    CommittedOn = on,
                    Received = payments.Sum(p => p.Amount),
                    LastReceivedOn = payments.Count > 0 ? payments[^1].On : null,
                });
            }
        }
        return sources;
    }

    private static IEnumerable<(DateOnly On, decimal Amount)> Payments(Operation operation, decimal committed, DateOnly signedOn)
    {
        var advance = signedOn.AddMonths(2);
        yield return (advance, Math.Round(committed * 0.3m, 0));
        var interims = Math.Max(1, (int)Math.Round((operation.EndDate.DayNumber - operation.StartDate.DayNumber) / 365.25));
        for (var i = 1; i <= interims; i++)
        {
            yield return (advance.AddYears(i), Math.Round(committed * 0.6m / interims, 0));
        }
        yield return (operation.EndDate.AddMonths(9), committed - Math.Round(committed * 0.3m, 0) - interims * Math.Round(committed * 0.6m / interims, 0));
    }
}
