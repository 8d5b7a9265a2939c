using System.Text;

namespace CscDashboard.Core.Notifications;

/// <summary>A link of a mail: its French text (which says where it leads) and its absolute address.</summary>
public sealed record MailLink(string Text, string Url);

/// <summary>A part of a mail: an optional heading, lines (a list when there are several) and an optional link.</summary>
public sealed record MailSection(string? Heading, IReadOnlyList<string> Lines, MailLink? Link = null);

/// <summary>
/// A French mail before rendering: the same content gives the plain-text and the HTML parts (ADR 028). The HTML is
/// plain and accessible — language, title, headings, lists, links whose text says where they lead, no image — and every
/// mail ends with the federation's name and, except the password reset, the one-click unsubscribe link of its kind.
/// </summary>
public sealed record MailContent(
    string Subject,
    string Greeting,
    IReadOnlyList<string> Intro,
    IReadOnlyList<MailSection> Sections,
    MailLink? Action = null,
    string? Unsubscribe = null)
{
    public const string Signature = "Centres Sociaux Connectés — " + MailOptions.FederationName;

    public string Text()
    {
        var text = new StringBuilder();
        text.Append(Greeting).Append("\n\n");
        foreach (var paragraph in Intro)
        {
            text.Append(paragraph).Append("\n\n");
        }
        foreach (var section in Sections)
        {
            if (section.Heading is not null)
            {
                text.Append(section.Heading).Append('\n').Append(new string('-', Math.Min(section.Heading.Length, 60))).Append('\n');
            }
            foreach (var line in section.Lines)
            {
                text.Append(section.Lines.Count > 1 ? "- " : "").Append(line).Append('\n');
            }
            if (section.Link is { } link)
            {
                text.Append(link.Text).Append(" : ").Append(link.Url).Append('\n');
            }
            text.Append('\n');
        }
        if (Action is { } action)
        {
            text.Append(action.Text).Append(" :\n").Append(action.Url).Append("\n\n");
        }
        text.Append("-- \n").Append(Signature).Append('\n');
        text.Append("Message envoyé automatiquement : merci de ne pas y répondre.\n");
        if (Unsubscribe is not null)
        {
            text.Append("Ne plus recevoir ce type de message : ").Append(Unsubscribe).Append('\n');
        }
        return text.ToString();
    }

    public string Html()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(E(Subject)).Append("</title></head>\n")
            .Append("<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff;margin:0;padding:16px\">\n")
            .Append("<main style=\"max-width:640px\">\n")
            .Append("<h1 style=\"font-size:20px;color:#0b4f8a\">").Append(E(Subject)).Append("</h1>\n")
            .Append("<p>").Append(E(Greeting)).Append("</p>\n");
        foreach (var paragraph in Intro)
        {
            html.Append("<p>").Append(E(paragraph)).Append("</p>\n");
        }
        foreach (var section in Sections)
        {
            if (section.Heading is not null)
            {
                html.Append("<h2 style=\"font-size:17px;color:#0b4f8a\">").Append(E(section.Heading)).Append("</h2>\n");
            }
            if (section.Lines.Count > 1)
            {
                html.Append("<ul>\n");
                foreach (var line in section.Lines)
                {
                    html.Append("<li>").Append(E(line)).Append("</li>\n");
                }
                html.Append("</ul>\n");
            }
            else if (section.Lines.Count == 1)
            {
                html.Append("<p>").Append(E(section.Lines[0])).Append("</p>\n");
            }
            if (section.Link is { } link)
            {
                html.Append("<p>").Append(Anchor(link)).Append("</p>\n");
            }
        }
        if (Action is { } action)
        {
            html.Append("<p><a href=\"").Append(E(action.Url))
                .Append("\" style=\"display:inline-block;background:#0b4f8a;color:#ffffff;padding:10px 16px;border-radius:4px;text-decoration:none\">")
                .Append(E(action.Text)).Append("</a></p>\n")
                .Append("<p style=\"font-size:14px\">Si le bouton ne s'ouvre pas, copiez cette adresse dans votre navigateur : ")
                .Append(E(action.Url)).Append("</p>\n");
        }
        html.Append("</main>\n<footer style=\"max-width:640px;border-top:1px solid #767676;margin-top:24px;padding-top:8px;font-size:14px;color:#4a4a4a\">\n")
            .Append("<p>").Append(E(Signature)).Append("<br>Message envoyé automatiquement : merci de ne pas y répondre.</p>\n");
        if (Unsubscribe is not null)
        {
            html.Append("<p>").Append(Anchor(new MailLink("Ne plus recevoir ce type de message", Unsubscribe))).Append("</p>\n");
        }
        html.Append("</footer>\n</body></html>\n");
        return html.ToString();
    }

    private static string Anchor(MailLink link) =>
        $"<a href=\"{E(link.Url)}\" style=\"color:#0b4f8a\">{E(link.Text)}</a>";

    /// <summary>Escapes markup only: accented letters stay readable in the HTML source (WebUtility would write &#233;).</summary>
    private static string E(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);
}
