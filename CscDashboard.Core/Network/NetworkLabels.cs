using System.Globalization;
using System.Text;

namespace CscDashboard.Core.Network;

/// <summary>
/// French labels of the network enums, shown in the UI and written in exports; <see cref="TryParse{T}"/>
/// reads them back (and the English enum names), ignoring case and accents, for imports.
/// </summary>
public static class NetworkLabels
{
    public static string Of(CentreStatus status) => status switch
    {
        CentreStatus.Candidate => "Candidat",
        CentreStatus.Engaged => "Engagé",
        CentreStatus.Withdrawn => "Retiré",
        _ => status.ToString(),
    };

    public static string Of(MemberRole role) => role switch
    {
        MemberRole.Coordinator => "Coordination territoriale",
        MemberRole.Ctn => "CTN",
        MemberRole.Mediator => "Médiateur numérique",
        MemberRole.Volunteer => "Bénévole",
        MemberRole.OtherProfessional => "Autre professionnel",
        MemberRole.TerritoryDelegate => "Délégué(e) de territoire",
        _ => role.ToString(),
    };

    public static string Of(Assignment assignment) => assignment switch
    {
        Assignment.None => "Aucune",
        Assignment.FullTime => "Temps plein",
        Assignment.FixedPercent => "Pourcentage fixe",
        Assignment.Variable => "Temps variable",
        _ => assignment.ToString(),
    };

    public static string Of(PartnerKind kind) => kind switch
    {
        PartnerKind.Commune => "Commune",
        PartnerKind.Epci => "EPCI",
        PartnerKind.Departement => "Département",
        PartnerKind.Region => "Région",
        PartnerKind.Caf => "CAF",
        PartnerKind.State => "État",
        PartnerKind.Association => "Association",
        PartnerKind.Company => "Entreprise",
        PartnerKind.Other => "Autre",
        _ => kind.ToString(),
    };

    public static string Label<T>(T value) where T : struct, Enum => value switch
    {
        CentreStatus s => Of(s),
        MemberRole r => Of(r),
        Assignment a => Of(a),
        PartnerKind k => Of(k),
        _ => value.ToString(),
    };

    /// <summary>The French labels a user may type, joined for an error message.</summary>
    public static string Choices<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => Label(v)));

    /// <summary>Reads a French label or an enum name, ignoring case, accents and surrounding spaces.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        var key = Fold(text);
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Fold(Label(candidate)) == key || Fold(candidate.ToString()) == key || FormerLabels(candidate).Contains(key))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    // Labels that files made before the wording changed still use (folded).
    private static string[] FormerLabels<T>(T value) where T : struct, Enum => value switch
    {
        MemberRole.Coordinator => ["coordinateur", "coordinatrice", "coordinateur territorial", "coordinatrice territoriale"],
        _ => [],
    };

    /// <summary>Lower case, without accents and with single spaces: "  Médiateur  Numérique" → "mediateur numerique".</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
