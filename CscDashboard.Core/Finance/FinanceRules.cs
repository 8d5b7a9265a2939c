using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;

namespace CscDashboard.Core.Finance;

/// <summary>
/// The finance rules that need no database: staff-cost and flat-rate arithmetic (architecture.md section 3)
/// and the validation of the forms. Rounding: see docs/decisions/006-finance-rounding-and-indirect-costs.md.
/// </summary>
public static class FinanceRules
{
    /// <summary>EU rule: hourly rate = annual gross employment cost / 1,720 hours.</summary>
    public const decimal HoursPerYear = 1_720m;

    public const decimal MaxAmount = 100_000_000m;


    public static decimal HourlyRate(decimal annualGrossCost) => Cents(annualGrossCost / HoursPerYear);

    /// <summary>
    /// Cost of <paramref name="minutes"/> of work: cost × minutes / (1,720 × 60), rounded once to the
    /// cent (the hourly rate is not rounded first, so 45,000 €/yr × 1,720 h gives exactly 45,000.00 €).
    /// </summary>
    public static decimal StaffAmount(decimal annualGrossCost, int minutes) =>
        Cents(annualGrossCost * minutes / (HoursPerYear * 60m));

    /// <summary>The flat rate of the option: 15 % or 40 % of direct staff costs; null for real costs.</summary>
    public static decimal? FlatRate(IndirectCostsOption option) => option switch
    {
        IndirectCostsOption.FlatRate15 => 0.15m,
        IndirectCostsOption.FlatRate40 => 0.40m,
        _ => null,
    };

    /// <summary>Flat-rate indirect costs of a staff-cost amount, rounded to the cent; 0 under real costs.</summary>
    public static decimal FlatIndirectCosts(IndirectCostsOption option, decimal staffCosts) =>
        FlatRate(option) is { } rate ? Cents(staffCosts * rate) : 0m;

    /// <summary>
    /// Whether expenses of a category are claimed under the option. Real costs: all. Flat 15 %: all but
    /// indirect costs (the flat rate replaces them). Flat 40 %: none, the flat rate covers every cost
    /// other than direct staff costs. Staff costs never come from expenses (hours × rate).
    /// </summary>
    public static bool IsClaimable(IndirectCostsOption option, CostCategory category) => option switch
    {
        IndirectCostsOption.RealCosts => category != CostCategory.Staff,
        IndirectCostsOption.FlatRate15 => category is not (CostCategory.Staff or CostCategory.Indirect),
        _ => false,
    };

    /// <summary>The categories whose expenses are claimed under the option (for SQL filters).</summary>
    public static CostCategory[] ClaimableCategories(IndirectCostsOption option) =>
        Enum.GetValues<CostCategory>().Where(c => IsClaimable(option, c)).ToArray();

    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static decimal? Percent(decimal spent, decimal budget) =>
        budget > 0 ? Math.Round(spent * 100m / budget, 1, MidpointRounding.AwayFromZero) : null;

    public static FieldErrors Validate(ExpenseInput input, OperationPeriod? operation, DateOnly today)
    {
        var errors = new FieldErrors();
        Text(errors, nameof(input.Supplier), "Fournisseur", input.Supplier, TextLimits.Name, "Le fournisseur est obligatoire.");
        Text(errors, nameof(input.InvoiceNumber), "Numéro de facture", input.InvoiceNumber, TextLimits.InvoiceNumber, "Le numéro de facture est obligatoire.");
        if (input.Description is { Length: > TextLimits.Description })
        {
            errors.Add(nameof(input.Description), "La description ne doit pas dépasser 1 000 caractères.");
        }
        else if (TextRules.Problem(input.Description, "Description", TextLimits.Description, TextKind.MultiLine) is { } descriptionProblem)
        {
            errors.Add(nameof(input.Description), descriptionProblem);
        }
        if (input.TerritoryId <= 0)
        {
            errors.Add(nameof(input.TerritoryId), "Le territoire est obligatoire.");
        }
        if (input.Category == CostCategory.Staff)
        {
            errors.Add(nameof(input.Category),
                "Les frais de personnel ne se saisissent pas en dépense : ils se calculent à partir des heures (onglet « Frais de personnel »).");
        }
        if (input.InvoiceDate is not { } invoiceDate)
        {
            errors.Add(nameof(input.InvoiceDate), "La date de facture est obligatoire.");
        }
        else
        {
            if (operation is not null && !operation.Contains(invoiceDate))
            {
                errors.Add(nameof(input.InvoiceDate),
                    $"La date de facture doit être comprise dans l'opération {operation.Code} (du {operation.StartDate:dd/MM/yyyy} au {operation.EndDate:dd/MM/yyyy}).");
            }
            if (invoiceDate > today)
            {
                errors.Add(nameof(input.InvoiceDate), "La date de facture ne peut pas être dans le futur.");
            }
            if (input.PaymentDate is { } paid && paid < invoiceDate)
            {
                errors.Add(nameof(input.PaymentDate), "La date de paiement ne peut pas précéder la date de facture.");
            }
        }
        if (input.PaymentDate is { } paidOn && paidOn > today)
        {
            errors.Add(nameof(input.PaymentDate), "La date de paiement ne peut pas être dans le futur.");
        }
        Amount(errors, nameof(input.AmountExclVat), input.AmountExclVat, "Le montant HT");
        Amount(errors, nameof(input.Vat), input.Vat, "La TVA");
        Amount(errors, nameof(input.EligibleAmount), input.EligibleAmount, "Le montant éligible");
        if (input.EligibleAmount > input.AmountExclVat + input.Vat)
        {
            errors.Add(nameof(input.EligibleAmount),
                $"Le montant éligible ne peut pas dépasser le montant TTC ({Euros(input.AmountExclVat + input.Vat)}).");
        }
        return errors;
    }

    public static FieldErrors Validate(BudgetLineInput input)
    {
        var errors = new FieldErrors();
        Text(errors, nameof(input.Label), "Intitulé", input.Label, TextLimits.Title, "L'intitulé de la ligne est obligatoire.");
        Amount(errors, nameof(input.Amount), input.Amount, "Le montant");
        return errors;
    }

    public static FieldErrors Validate(FundingSourceInput input)
    {
        var errors = new FieldErrors();
        Text(errors, nameof(input.Name), "Financeur", input.Name, TextLimits.Name, "Le nom du financeur est obligatoire.");
        Amount(errors, nameof(input.Committed), input.Committed, "Le montant engagé");
        Amount(errors, nameof(input.Received), input.Received, "Le montant reçu");
        if (input.Received > input.Committed)
        {
            errors.Add(nameof(input.Received), "Le montant reçu ne peut pas dépasser le montant engagé.");
        }
        if (input.Received > 0 && input.Status is FundingStatus.Requested or FundingStatus.Refused)
        {
            errors.Add(nameof(input.Status), "Un financement sollicité ou refusé n'a rien versé : passez-le à « Accordé » ou « Versé », ou mettez le montant reçu à 0.");
        }
        if (input.Status == FundingStatus.Paid && input.Received == 0)
        {
            errors.Add(nameof(input.Received), "Un financement « Versé » a reçu au moins un versement : indiquez le montant reçu.");
        }
        if (input.LastReceivedOn is { } received)
        {
            if (input.Received == 0)
            {
                errors.Add(nameof(input.LastReceivedOn), "Aucun versement reçu : laissez la date du dernier versement vide.");
            }
            if (input.CommittedOn is { } committed && received < committed)
            {
                errors.Add(nameof(input.LastReceivedOn), "Le dernier versement ne peut pas précéder la date d'engagement.");
            }
        }
        return errors;
    }

    /// <summary>"12 345,67 €", with the non-breaking spaces of fr-FR.</summary>
    public static string Euros(decimal amount) => amount.ToString("C2", French.Culture);

    private static void Text(FieldErrors errors, string field, string label, string? value, int maxLength, string requiredMessage)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, requiredMessage);
        }
        else if (TextRules.Problem(value, label, maxLength) is { } problem)
        {
            errors.Add(field, problem);
        }
    }

    private static void Amount(FieldErrors errors, string field, decimal value, string what)
    {
        if (value < 0)
        {
            errors.Add(field, $"{what} ne peut pas être négatif.");
        }
        else if (value > MaxAmount)
        {
            errors.Add(field, $"{what} dépasse le maximum autorisé ({Euros(MaxAmount)}).");
        }
        else if (value != Math.Round(value, 2))
        {
            errors.Add(field, $"{what} s'écrit avec deux décimales au plus (centimes).");
        }
    }
}

/// <summary>French names of the finance enums.</summary>
public static class FinanceLabels
{
    public static string Of(FundingStatus status) => status switch
    {
        FundingStatus.Requested => "Sollicité",
        FundingStatus.Granted => "Accordé",
        FundingStatus.Paid => "Versé",
        _ => "Refusé",
    };

    public static string Of(CostCategory category) => category switch
    {
        CostCategory.Staff => "Frais de personnel",
        CostCategory.Travel => "Déplacements",
        CostCategory.Equipment => "Équipement",
        CostCategory.ExternalServices => "Prestations externes",
        CostCategory.Communication => "Communication",
        CostCategory.Indirect => "Coûts indirects",
        CostCategory.Other => "Autres frais",
        _ => category.ToString(),
    };

    /// <summary>Short names for chart axes, where seven categories share a phone's width.</summary>
    public static string ShortOf(CostCategory category) => category switch
    {
        CostCategory.Staff => "Personnel",
        CostCategory.Travel => "Déplac.",
        CostCategory.Equipment => "Équip.",
        CostCategory.ExternalServices => "Presta.",
        CostCategory.Communication => "Comm.",
        CostCategory.Indirect => "Indirects",
        CostCategory.Other => "Autres",
        _ => category.ToString(),
    };

    public static string Of(FundingKind kind) => kind switch
    {
        FundingKind.FederReactEu => "FEDER (UE)",
        FundingKind.Region => "Région",
        FundingKind.Departement => "Département",
        FundingKind.Caf => "CAF",
        FundingKind.State => "État",
        FundingKind.Commune => "Commune / EPCI",
        FundingKind.Other => "Autre",
        _ => kind.ToString(),
    };

    /// <summary>Lower-case: it completes a sentence ("coûts indirects : forfait de 15 %…").</summary>
    public static string Of(IndirectCostsOption option) => option switch
    {
        IndirectCostsOption.RealCosts => "coûts réels",
        IndirectCostsOption.FlatRate15 => "forfait de 15 % des frais de personnel directs",
        IndirectCostsOption.FlatRate40 => "forfait de 40 % des frais de personnel directs, qui couvre tous les autres coûts",
        _ => option.ToString(),
    };
}
