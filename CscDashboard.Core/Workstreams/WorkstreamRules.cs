using CscDashboard.Core.Common;
using CscDashboard.Core.Network;

namespace CscDashboard.Core.Workstreams;

/// <summary>
/// Who may do what in a workstream space (ADR 003). Watch items are shared across territories, so
/// they are not territory-scoped; deliverables belong to the workstream's co-animators.
/// </summary>
public static class WorkstreamAccess
{
    /// <summary>Aggregated figures (no names): every signed-in role, the committee included.</summary>
    public static void EnsureCanReadFigures(CurrentUser user)
    {
        if (!user.IsAuthenticated)
        {
            throw new ScopeViolationException("Veuillez vous connecter.");
        }
    }

    /// <summary>Sessions, watch items, deliverables and co-animators: not for the committee.</summary>
    public static void EnsureCanReadDetails(CurrentUser user)
    {
        EnsureCanReadFigures(user);
        if (!user.CanReadActivities)
        {
            throw new ScopeViolationException(
                "Les séances, la veille et les livrables des chantiers ne sont pas accessibles au comité partenarial : seuls leurs chiffres le sont.");
        }
    }

    /// <summary>Any coordinator, the project lead and the admin add watch items, to any workstream.</summary>
    public static bool CanAddWatchItems(CurrentUser user) => user.HasFederationScope || user.IsCoordinator;

    /// <summary>A watch item is changed by its author, the workstream's co-animators, the project lead and the admin.</summary>
    public static bool CanEditWatchItem(CurrentUser user, string authorId, bool isCoAnimator) =>
        user.HasFederationScope || (user.IsCoordinator && (authorId == user.UserId || isCoAnimator));

    /// <summary>Deliverables are managed by the workstream's co-animators, the project lead and the admin.</summary>
    public static bool CanManageDeliverables(CurrentUser user, bool isCoAnimator) =>
        user.HasFederationScope || (user.IsCoordinator && isCoAnimator);

    public static void EnsureCanAddWatchItems(CurrentUser user)
    {
        if (!CanAddWatchItems(user))
        {
            throw new ScopeViolationException("Votre rôle ne permet pas d'ajouter un élément de veille.");
        }
        if (user.UserId is null)
        {
            throw new ScopeViolationException("Seul un utilisateur connecté peut ajouter un élément de veille.");
        }
    }

    public static void EnsureCanEditWatchItem(CurrentUser user, string authorId, bool isCoAnimator)
    {
        if (!CanEditWatchItem(user, authorId, isCoAnimator))
        {
            throw new ScopeViolationException(
                "Seuls son auteur, les coordinateurs qui co-animent ce chantier et la cheffe de projet peuvent modifier cet élément de veille.");
        }
    }

    public static void EnsureCanManageDeliverables(CurrentUser user, bool isCoAnimator)
    {
        if (!CanManageDeliverables(user, isCoAnimator))
        {
            throw new ScopeViolationException(
                "Seuls les coordinateurs qui co-animent ce chantier et la cheffe de projet peuvent modifier ses livrables.");
        }
    }
}

/// <summary>Validation of watch items and deliverables (no database needed), with French messages per field.</summary>
public static class WorkstreamRules
{
    public const int MaxTitleLength = 200;
    public const int MaxUrlLength = 1000;
    public const int MaxSummaryLength = 4000;
    public const int MaxTagLength = 40;
    /// <summary>The stored, comma-joined tags (column size).</summary>
    public const int MaxTagsLength = 400;
    /// <summary>A watch item may be dated tomorrow (a note written late in the evening for an event the next day), not later.</summary>
    public const int MaxDaysAhead = 1;

    public static FieldErrors Validate(WatchItemInput input, DateOnly today)
    {
        var errors = new FieldErrors();
        Title(errors, nameof(input.Title), input.Title, "Le titre est obligatoire.");

        var url = NetworkRules.Clean(input.Url);
        if (url is not null)
        {
            if (url.Length > MaxUrlLength)
            {
                errors.Add(nameof(input.Url), $"Le lien ne doit pas dépasser {MaxUrlLength} caractères.");
            }
            else if (!IsWebAddress(url))
            {
                errors.Add(nameof(input.Url),
                    "Le lien doit être une adresse web complète commençant par http:// ou https:// (exemple : https://www.caf.fr/).");
            }
        }

        if (input.Summary is not null && input.Summary.Trim().Length > MaxSummaryLength)
        {
            errors.Add(nameof(input.Summary), $"Le résumé ne doit pas dépasser {MaxSummaryLength} caractères.");
        }
        else if (TextRules.Problem(input.Summary, "Résumé", MaxSummaryLength, TextKind.MultiLine) is { } summaryProblem)
        {
            errors.Add(nameof(input.Summary), summaryProblem);
        }
        if (TextRules.Problem(input.Url, "Lien", int.MaxValue) is { } urlProblem)
        {
            errors.Add(nameof(input.Url), urlProblem);
        }
        if (TextRules.Problem(input.Tags, "Mots-clés", int.MaxValue) is { } tagsProblem)
        {
            errors.Add(nameof(input.Tags), tagsProblem);
        }

        var tags = ParseTags(input.Tags);
        foreach (var tag in tags.Where(t => t.Length > MaxTagLength))
        {
            errors.Add(nameof(input.Tags), $"Chaque mot-clé doit faire au plus {MaxTagLength} caractères : « {tag} » est trop long.");
        }
        if (JoinTags(tags)?.Length > MaxTagsLength)
        {
            errors.Add(nameof(input.Tags), $"Les mots-clés ne doivent pas dépasser {MaxTagsLength} caractères au total.");
        }

        if (input.Date is not { } date)
        {
            errors.Add(nameof(input.Date), "La date est obligatoire.");
        }
        else if (date > today.AddDays(MaxDaysAhead))
        {
            errors.Add(nameof(input.Date), "La date ne peut pas être postérieure à demain.");
        }
        return errors;
    }

    public static FieldErrors Validate(DeliverableInput input)
    {
        var errors = new FieldErrors();
        Title(errors, nameof(input.Title), input.Title, "Le titre du livrable est obligatoire.");
        if (input.DueDate is null)
        {
            errors.Add(nameof(input.DueDate), "L'échéance est obligatoire.");
        }
        if (!Enum.IsDefined(input.Status))
        {
            errors.Add(nameof(input.Status), "Ce statut n'existe pas.");
        }
        return errors;
    }

    /// <summary>An absolute http or https address with a host (a relative path or a file:// address is refused).</summary>
    public static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>"accès aux droits, Démarches,, démarches " → ["accès aux droits", "Démarches"]: trimmed, no blanks, no case-insensitive duplicates.</summary>
    public static IReadOnlyList<string> ParseTags(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .DistinctBy(t => t.ToLowerInvariant())
                .ToList();

    /// <summary>Tags as stored: joined by commas without spaces, so that a tag filter can match ",tag,".</summary>
    public static string? JoinTags(IReadOnlyList<string> tags) => tags.Count == 0 ? null : string.Join(',', tags);

    private static void Title(FieldErrors errors, string field, string? value, string requiredMessage)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, requiredMessage);
        }
        else if (value.Trim().Length > MaxTitleLength)
        {
            errors.Add(field, $"Le titre ne doit pas dépasser {MaxTitleLength} caractères.");
        }
        else if (TextRules.Problem(value, "Titre", MaxTitleLength) is { } problem)
        {
            errors.Add(field, problem);
        }
    }
}

/// <summary>French labels of the workstream enums.</summary>
public static class WorkstreamLabels
{
    public const string Late = "En retard";

    public static string Of(DeliverableStatus status) => status switch
    {
        DeliverableStatus.Planned => "Prévu",
        DeliverableStatus.InProgress => "En cours",
        DeliverableStatus.Delivered => "Livré",
        DeliverableStatus.Cancelled => "Annulé",
        _ => status.ToString(),
    };
}
