using System.Text.RegularExpressions;
using CscDashboard.Core.Common;

namespace CscDashboard.Core.Network;

/// <summary>Validation messages collected per field (the input's property name), in French.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public int Count => _errors.Count;
    public IEnumerable<KeyValuePair<string, List<string>>> All => _errors;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        if (!list.Contains(message))
        {
            list.Add(message);
        }
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}

/// <summary>
/// The rules of the network directory that need no database, shared by the services and the import.
/// Rules that need the database (territory and centre exist, duplicates) are in the services.
/// </summary>
public static partial class NetworkRules
{
    public const int MaxPercent = 100;

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex PostcodePattern();

    // Deliberately simple: one @, no spaces, a dot in the domain. Mail servers decide the rest.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$")]
    private static partial Regex EmailPattern();

    public static bool IsEmail(string? text) => text is not null && text.Length <= 200 && EmailPattern().IsMatch(text);

    public static FieldErrors Validate(CentreInput input)
    {
        var errors = new FieldErrors();
        Required(errors, nameof(input.Name), "Nom", input.Name, TextLimits.Name, "Le nom du centre est obligatoire.");
        Required(errors, nameof(input.Commune), "Commune", input.Commune, TextLimits.Commune, "La commune est obligatoire.");
        if (string.IsNullOrWhiteSpace(input.Postcode))
        {
            errors.Add(nameof(input.Postcode), "Le code postal est obligatoire.");
        }
        else if (!PostcodePattern().IsMatch(input.Postcode.Trim()))
        {
            errors.Add(nameof(input.Postcode), "Le code postal doit compter exactement 5 chiffres.");
        }
        MaxLength(errors, nameof(input.Address), "Adresse", input.Address, TextLimits.Address);
        if (input.TerritoryId <= 0)
        {
            errors.Add(nameof(input.TerritoryId), "Le territoire est obligatoire.");
        }

        switch (input.Status)
        {
            case CentreStatus.Candidate:
                if (input.EngagedOn is not null)
                {
                    errors.Add(nameof(input.EngagedOn), "Un centre candidat n'a pas encore de date d'engagement.");
                }
                if (input.WithdrawnOn is not null)
                {
                    errors.Add(nameof(input.WithdrawnOn), "Un centre candidat n'a pas de date de retrait.");
                }
                break;
            case CentreStatus.Engaged:
                if (input.EngagedOn is null)
                {
                    errors.Add(nameof(input.EngagedOn), "La date d'engagement est obligatoire pour un centre engagé.");
                }
                if (input.WithdrawnOn is not null)
                {
                    errors.Add(nameof(input.WithdrawnOn), "Un centre engagé n'a pas de date de retrait.");
                }
                break;
            case CentreStatus.Withdrawn:
                if (input.WithdrawnOn is null)
                {
                    errors.Add(nameof(input.WithdrawnOn), "La date de retrait est obligatoire pour un centre retiré.");
                }
                break;
        }
        if (input.CandidateSince is { } since && input.EngagedOn is { } engaged && engaged < since)
        {
            errors.Add(nameof(input.EngagedOn), "La date d'engagement ne peut pas précéder la date de candidature.");
        }
        if (input.WithdrawnOn is { } withdrawn)
        {
            if (input.EngagedOn is { } engagedOn && withdrawn < engagedOn)
            {
                errors.Add(nameof(input.WithdrawnOn), "La date de retrait ne peut pas précéder la date d'engagement.");
            }
            else if (input.CandidateSince is { } candidate && withdrawn < candidate)
            {
                errors.Add(nameof(input.WithdrawnOn), "La date de retrait ne peut pas précéder la date de candidature.");
            }
        }
        return errors;
    }

    public static FieldErrors Validate(MemberInput input)
    {
        var errors = new FieldErrors();
        Required(errors, nameof(input.FirstName), "Prénom", input.FirstName, TextLimits.PersonName, "Le prénom est obligatoire.");
        Required(errors, nameof(input.LastName), "Nom", input.LastName, TextLimits.PersonName, "Le nom est obligatoire.");
        Email(errors, nameof(input.Email), input.Email);
        MaxLength(errors, nameof(input.Phone), "Téléphone", input.Phone, TextLimits.Phone);
        if (input.TerritoryId <= 0)
        {
            errors.Add(nameof(input.TerritoryId), "Le territoire est obligatoire.");
        }
        if (input.Assignment == Assignment.FixedPercent)
        {
            if (input.AssignmentPercent is null)
            {
                errors.Add(nameof(input.AssignmentPercent), "Le pourcentage est obligatoire pour une affectation à pourcentage fixe.");
            }
            else if (input.AssignmentPercent is < 0 or > MaxPercent)
            {
                errors.Add(nameof(input.AssignmentPercent), "Le pourcentage doit être compris entre 0 et 100.");
            }
        }
        if (input.AnnualGrossCost is < 0 or > 1_000_000)
        {
            errors.Add(nameof(input.AnnualGrossCost), "Le coût annuel brut doit être compris entre 0 et 1 000 000 €.");
        }
        if (input.ActiveFrom == default)
        {
            errors.Add(nameof(input.ActiveFrom), "La date de début est obligatoire.");
        }
        if (input.ActiveTo is { } to && to < input.ActiveFrom)
        {
            errors.Add(nameof(input.ActiveTo), "La date de fin ne peut pas précéder la date de début.");
        }
        return errors;
    }

    public static FieldErrors Validate(PartnerInput input, CurrentUser user)
    {
        var errors = new FieldErrors();
        Required(errors, nameof(input.Name), "Nom", input.Name, TextLimits.Name, "Le nom du partenaire est obligatoire.");
        MaxLength(errors, nameof(input.ContactName), "Contact", input.ContactName, TextLimits.Name);
        Email(errors, nameof(input.ContactEmail), input.ContactEmail);
        MaxLength(errors, nameof(input.ContactPhone), "Téléphone du contact", input.ContactPhone, TextLimits.Phone);
        if (input.TerritoryId is null && !user.CanWriteFederation)
        {
            errors.Add(nameof(input.TerritoryId),
                "Seule la cheffe de projet peut enregistrer un partenaire de toute la fédération : choisissez un territoire.");
        }
        return errors;
    }

    /// <summary>Trims text and turns blanks into null, as stored.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Required(FieldErrors errors, string field, string label, string? value, int maxLength, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, message);
        }
        else
        {
            MaxLength(errors, field, label, value, maxLength);
        }
    }

    /// <summary>Length and text hygiene (ADR 020), with the field's label in the message.</summary>
    private static void MaxLength(FieldErrors errors, string field, string label, string? value, int maxLength)
    {
        if (TextRules.Problem(value, label, maxLength) is { } problem)
        {
            errors.Add(field, problem);
        }
    }

    private static void Email(FieldErrors errors, string field, string? value)
    {
        if (TextRules.Problem(value, "E-mail", TextLimits.Email) is { } problem)
        {
            errors.Add(field, problem);
        }
        else if (!string.IsNullOrWhiteSpace(value) && !IsEmail(value.Trim()))
        {
            errors.Add(field, "L'adresse e-mail n'est pas valide (exemple : prenom.nom@centre-social.fr).");
        }
    }
}

/// <summary>Keys that make two rows "the same" for duplicate checks (services and import alike).</summary>
public static class DuplicateKeys
{
    public static string Centre(string? name, string? commune) => $"{NetworkLabels.Fold(name)}|{NetworkLabels.Fold(commune)}";

    public static string Member(string? firstName, string? lastName, int territoryId) =>
        $"{NetworkLabels.Fold(firstName)}|{NetworkLabels.Fold(lastName)}|{territoryId}";

    public static string Email(string? email) => NetworkLabels.Fold(email);

    public static string Partner(string? name, int? territoryId) => $"{NetworkLabels.Fold(name)}|{territoryId}";
}

/// <summary>Who may read and write the network directory, and messages shared by its services.</summary>
public static class NetworkAccess
{
    public static void EnsureCanRead(CurrentUser user)
    {
        if (!user.IsAuthenticated)
        {
            throw new ScopeViolationException("Veuillez vous connecter.");
        }
    }

    /// <summary>Member lists carry people's names: not for the committee (architecture.md section 1).</summary>
    public static void EnsureCanReadMembers(CurrentUser user)
    {
        EnsureCanRead(user);
        if (!user.CanSeeNames)
        {
            throw new ScopeViolationException(
                "Les membres du réseau sont des données nominatives : ils ne sont pas accessibles au comité partenarial.");
        }
    }

    /// <summary>Refuses up front the roles that write nowhere (the committee), before any validation.</summary>
    public static void EnsureCanWriteSomewhere(CurrentUser user)
    {
        if (!user.HasFederationScope && !user.IsCoordinator)
        {
            throw new ScopeViolationException("Votre rôle ne permet pas de modifier l'annuaire du réseau.");
        }
    }

    /// <summary>A LIKE pattern for free-text search, with the wildcards the user typed escaped.</summary>
    public static string? LikePattern(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return null;
        }
        // Invisible controls never match a stored name (they are refused on input), and PostgreSQL refuses a NUL in a parameter.
        var escaped = TextRules.StripInvisible(search).Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
        return $"%{escaped}%";
    }
}
