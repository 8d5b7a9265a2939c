namespace CscDashboard.Core.Users;

/// <summary>
/// The rules a chosen password follows: Identity's options in the host are set from these constants, and Core checks a
/// password reset by e-mail with them, in French (Identity's own messages are English).
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 128;

    /// <summary>The French problems of <paramref name="password"/>, none when it is acceptable.</summary>
    public static IReadOnlyList<string> Problems(string? password)
    {
        password ??= "";
        var problems = new List<string>();
        if (password.Length < MinimumLength)
        {
            problems.Add($"Le mot de passe doit contenir au moins {MinimumLength} caractères.");
        }
        if (password.Length > MaximumLength)
        {
            problems.Add($"Le mot de passe ne doit pas dépasser {MaximumLength} caractères.");
        }
        if (!password.Any(char.IsLower))
        {
            problems.Add("Le mot de passe doit contenir au moins une lettre minuscule.");
        }
        if (!password.Any(char.IsUpper))
        {
            problems.Add("Le mot de passe doit contenir au moins une lettre majuscule.");
        }
        if (!password.Any(char.IsDigit))
        {
            problems.Add("Le mot de passe doit contenir au moins un chiffre.");
        }
        return problems;
    }
}
