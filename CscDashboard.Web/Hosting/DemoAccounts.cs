using CscDashboard.Core.Common;
using CscDashboard.Core.Data.Seeding;

namespace CscDashboard.Web.Hosting;

public static class DemoAccounts
{
    /// <summary>Prints the demo accounts at start-up (Development only) so that a newcomer can sign in.</summary>
    public static void Print(IReadOnlyList<DemoAccount> accounts, string password)
    {
        Console.WriteLine();
        Console.WriteLine("Comptes de démonstration (mot de passe commun : {0})", password);
        foreach (var account in accounts)
        {
            Console.WriteLine("  {0,-22} {1,-26} {2}", account.Email, Roles.FrenchName(account.Role), account.Territory ?? "");
        }
        Console.WriteLine();
    }
}
