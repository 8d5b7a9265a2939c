using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using Ganss.Xss;

namespace CscDashboard.Core.Governance;

/// <summary>Who manages which meeting (ADR 031): the lead and the admin every one; a coordinator those of their territories and of the workstreams they co-animate.</summary>
public static class MeetingAccess
{
    /// <summary>Meetings name people (attendees, owners): staff read them, the committee does not.</summary>
    public static void EnsureCanRead(CurrentUser user)
    {
        if (!user.IsAuthenticated)
        {
            throw new ScopeViolationException("Veuillez vous connecter.");
        }
        if (!user.CanReadActivities)
        {
            throw new ScopeViolationException(
                "Les réunions et leurs décisions nomment des personnes : elles ne sont pas accessibles au comité partenarial. Les bilans en donnent le suivi.");
        }
    }

    /// <summary>A federation body (no territory, no workstream) is the lead's; a territorial one its coordinators'; a workstream's its co-animators'.</summary>
    public static bool CanManage(CurrentUser user, int? territoryId, bool isCoAnimator) =>
        user.HasFederationScope
        || (user.IsCoordinator && (territoryId is { } t ? user.TerritoryIds.Contains(t) : isCoAnimator));

    public static void EnsureCanManage(CurrentUser user, int? territoryId, bool isCoAnimator)
    {
        EnsureCanRead(user);
        if (!CanManage(user, territoryId, isCoAnimator))
        {
            throw new ScopeViolationException(territoryId is null
                ? "Seules la cheffe de projet et, pour une réunion de chantier, les coordinateurs qui co-animent ce chantier peuvent modifier cette réunion."
                : "Vous ne pouvez pas modifier les réunions d'un territoire qui ne vous est pas attribué.");
        }
    }
}

/// <summary>Validation of meetings and decisions (no database needed), French messages per field.</summary>
public static class MeetingRules
{
    public const int MaxAgendaLength = 4000;
    /// <summary>The stored HTML (tags included).</summary>
    public const int MaxMinutesLength = 40_000;
    public const int MaxDecisionLength = 1000;
    public const int MaxOtherParticipants = 10_000;
    public const int DefaultDuration = 120;

    public static FieldErrors Validate(MeetingInput input, IReadOnlyList<Operations.OperationPeriod> operations)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors.Add(nameof(input.Title), "L'intitulé est obligatoire.");
        }
        else if (TextRules.Problem(input.Title, "Intitulé", TextLimits.Title) is { } title)
        {
            errors.Add(nameof(input.Title), title);
        }
        if (input.Date is not { } date)
        {
            errors.Add(nameof(input.Date), "La date est obligatoire.");
        }
        else if (!operations.Any(o => o.Contains(date)))
        {
            errors.Add(nameof(input.Date), "La date doit se situer dans la période d'une opération.");
        }
        if (input.DurationMinutes is < ActivityRules.MinDuration or > ActivityRules.MaxDuration)
        {
            errors.Add(nameof(input.DurationMinutes), "La durée doit être comprise entre 5 minutes et 12 heures.");
        }
        if (input.Kind == MeetingKind.TerritorialAssembly && input.TerritoryId is null)
        {
            errors.Add(nameof(input.TerritoryId), "Une assemblée territoriale se tient pour un territoire : choisissez-le.");
        }
        if (input.Kind == MeetingKind.WorkstreamMeeting && input.WorkstreamId is null)
        {
            errors.Add(nameof(input.WorkstreamId), "Une réunion de chantier porte sur un chantier : choisissez-le.");
        }
        if (TextRules.Problem(input.Place, "Lieu", TextLimits.Address) is { } place)
        {
            errors.Add(nameof(input.Place), place);
        }
        var link = NetworkRules.Clean(input.VideoLink);
        if (link is not null && (link.Length > TextLimits.WebAddress || !Workstreams.WorkstreamRules.IsWebAddress(link)))
        {
            errors.Add(nameof(input.VideoLink), "Le lien de visioconférence doit être une adresse web complète commençant par https:// (1 000 caractères au plus).");
        }
        if (TextRules.Problem(input.Agenda, "Ordre du jour", MaxAgendaLength, TextKind.MultiLine) is { } agenda)
        {
            errors.Add(nameof(input.Agenda), agenda);
        }
        if (MinutesHtml.Sanitize(input.Minutes) is { Length: > MaxMinutesLength })
        {
            errors.Add(nameof(input.Minutes), "Le compte rendu est trop long (40 000 caractères de texte mis en forme au plus) : joignez-le plutôt en pièce.");
        }
        if (input.OtherParticipantCount is < 0 or > MaxOtherParticipants)
        {
            errors.Add(nameof(input.OtherParticipantCount), "Le nombre d'autres participants va de 0 à 10 000.");
        }
        return errors;
    }

    public static FieldErrors Validate(DecisionInput input)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            errors.Add(nameof(input.Text), "Le texte de la décision est obligatoire.");
        }
        else if (TextRules.Problem(input.Text, "Décision", MaxDecisionLength, TextKind.MultiLine) is { } text)
        {
            errors.Add(nameof(input.Text), text);
        }
        if (string.IsNullOrWhiteSpace(input.OwnerId))
        {
            errors.Add(nameof(input.OwnerId), "Choisissez la personne qui porte la décision.");
        }
        if (TextRules.Problem(input.FollowUp, "Suivi", TextLimits.ActivityFollowUp, TextKind.MultiLine) is { } followUp)
        {
            errors.Add(nameof(input.FollowUp), followUp);
        }
        return errors;
    }

    /// <summary>The activity type a body's meeting counts as in its coordinators' logs.</summary>
    public static ActivityType ActivityTypeOf(MeetingKind kind) => kind switch
    {
        MeetingKind.PartnerCommittee or MeetingKind.SteeringCommittee => ActivityType.Partnership,
        MeetingKind.TerritorialAssembly => ActivityType.NetworkAnimation,
        MeetingKind.WorkstreamMeeting => ActivityType.Workstream,
        _ => ActivityType.Coordination,
    };
}

/// <summary>
/// The minutes' formatted text: HTML reduced to paragraphs, emphasis, lists, headings, quotes and web links
/// (HtmlSanitizer, ADR 031). Everything else — scripts, styles, event handlers, frames, images, forms,
/// <c>javascript:</c> links — is removed on every write, so what is stored can be shown as it is.
/// </summary>
public static class MinutesHtml
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    private static HtmlSanitizer Create()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
                { "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote", "a", "div" },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options);
        // Links open outside the app without handing it the opener.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer");
                link.SetAttribute("target", "_blank");
            }
        };
        sanitizer.AllowedAttributes.Add("rel");
        sanitizer.AllowedAttributes.Add("target");
        return sanitizer;
    }

    /// <summary>The safe HTML of <paramref name="html"/>; null when it holds no text.</summary>
    public static string? Sanitize(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return null;
        }
        var clean = Sanitizer.Sanitize(html).Trim();
        return string.IsNullOrWhiteSpace(PlainText(clean)) ? null : clean;
    }

    /// <summary>The text of sanitised minutes, one paragraph or list item a line (for the PDF and searches).</summary>
    public static string PlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }
        var text = System.Text.RegularExpressions.Regex.Replace(html, "<(br|/p|/li|/h3|/h4|/div|/blockquote)[^>]*>", "\n", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        text = System.Text.RegularExpressions.Regex.Replace(text, "<li[^>]*>", "• ", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        text = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]+>", "");
        text = System.Net.WebUtility.HtmlDecode(text);
        return string.Join("\n", text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
    }
}
