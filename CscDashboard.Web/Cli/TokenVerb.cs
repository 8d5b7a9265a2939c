using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.OpenData;

namespace CscDashboard.Web.Cli;

/// <summary>
/// <c>token create --email E --name "Nom" [--days N]</c>: a personal access token to the read API for an account, for
/// automation (ADR 026). The token has the account's whole scope (its role and territories); its secret is printed once
/// and only its hash is kept. The creation is audited under the verb's name.
/// </summary>
public static class TokenVerb
{
    private const string Usage = "Usage : token create --email ADRESSE --name \"Nom du jeton\" [--days JOURS (1 à 365, 90 par défaut)] [--data-dir DOSSIER]";

    public static async Task<int> RunAsync(VerbArguments args, IServiceProvider services)
    {
        if (args.Positional is not ["create"] || !args.Options.TryGetValue("email", out var email) || !args.Options.TryGetValue("name", out var name))
        {
            throw new ArgumentException(Usage);
        }
        var days = AccessTokenService.DefaultDays;
        if (args.Options.TryGetValue("days", out var text) && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out days))
        {
            throw new ArgumentException($"--days attend un nombre de jours (1 à {AccessToken.MaxDays}).");
        }
        IssuedToken issued;
        try
        {
            issued = await services.GetRequiredService<AccessTokenService>().CreateForAccountAsync(email, new AccessTokenInput { Name = name, Days = days });
        }
        catch (Exception e) when (e is NotFoundException or ScopeViolationException)
        {
            throw new ArgumentException(e.Message);
        }
        Console.WriteLine($"Jeton « {issued.Name} » créé pour {email.Trim()}, valable jusqu'au {ParisTimeProvider.Format(issued.ExpiresAt)} :");
        Console.WriteLine(issued.Secret);
        Console.WriteLine("Il n'est affiché qu'une fois : rangez-le dans l'outil qui l'utilisera. Révocation : page « Jetons d'accès » (/account/tokens).");
        return 0;
    }
}
