using System.Net;
using System.Text.RegularExpressions;
using CscDashboard.Core.Common;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Web;

/// <summary>The accessibility statement (issue 15 point 7, ADR 022): open to all, in the RGAA's format, its contact configurable.</summary>
public sealed class AccessibilityStatementTests(CscWebFactory app) : IClassFixture<CscWebFactory>
{
    /// <summary>The page's HTML decoded, its line breaks and indentation as single spaces.</summary>
    private static string Text(string html) => Regex.Replace(WebUtility.HtmlDecode(html), @"\s+", " ");

    [Fact]
    public async Task Without_a_cookie_the_statement_answers_in_the_rgaa_format_with_the_default_contact()
    {
        using var client = app.CreateBrowserlikeClient();

        using var response = await client.GetAsync("/accessibilite");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("<title>Déclaration d'accessibilité — Centres Sociaux Connectés</title>", page);
        Assert.Contains("<h1 class=\"account-heading\">Déclaration d'accessibilité</h1>", page);
        // The RGAA's parts: status against the standard, tests, exceptions with their date, date, environment, contact, remedies.
        Assert.Contains("est <strong>non conforme</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1", page);
        Assert.Contains("WCAG 2.1", page);
        Assert.Contains("<h2>Résultats des tests</h2>", page);
        Assert.Contains("1366 pixels", page);
        Assert.Contains("Parcours au clavier", page);
        Assert.Contains("<h2>Contenus non accessibles</h2>", page);
        Assert.Contains("Non-conformités et limites connues au 5 décembre 2026", page);
        Assert.Contains("Cette déclaration a été établie le 5 décembre 2026.", page);
        Assert.Contains("<h3>Technologies utilisées</h3>", page);
        Assert.Contains("<h3>Environnement de test</h3>", page);
        Assert.Contains("<h2>Retour d'information et contact</h2>", page);
        Assert.Contains("https://nordpasdecalais.centres-sociaux.fr/", page);
        Assert.DoesNotContain("mailto:", page);
        Assert.Contains("<h2>Voies de recours</h2>", page);
        Assert.Contains("Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07", page);
        Assert.Contains("href=\"/account/login\"", page);
        Assert.Contains("href=\"/accessibilite\"", page); // the footer's own link
    }

    [Fact]
    public async Task The_sign_in_page_links_to_the_statement_with_the_status()
    {
        using var client = app.CreateBrowserlikeClient();

        var page = Text(await client.GetStringAsync("/account/login"));

        Assert.Contains("<a href=\"/accessibilite\" class=\"account-footer-link\">Accessibilité : non conforme</a>", page);
    }

    [Fact]
    public async Task A_signed_in_user_reads_it_too_and_finds_the_way_back()
    {
        using var client = await app.SignedInClientAsync(Roles.Committee);

        using var response = await client.GetAsync("/accessibilite");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("Déclaration d'accessibilité", page);
        Assert.Contains("<a class=\"account-link\" href=\"/\">Retour à l'application</a>", page);
        Assert.DoesNotContain("href=\"/account/login\"", page);
    }

    [Fact]
    public async Task The_contact_address_comes_from_the_settings()
    {
        await using var configured = new CscWebFactory
        {
            ExtraSettings = new Dictionary<string, string> { ["Accessibility:ContactEmail"] = " accessibilite@federation.example " },
        };
        using var client = configured.CreateBrowserlikeClient();

        var page = Text(await client.GetStringAsync("/accessibilite"));

        Assert.Contains("<a class=\"account-link-inline\" href=\"mailto:accessibilite@federation.example\" data-testid=\"statement-contact\">accessibilite@federation.example</a>", page);
        Assert.DoesNotContain("nordpasdecalais.centres-sociaux.fr", page);
    }
}
