namespace CscDashboard.Web.Components.Pages.Evidence;

/// <summary>What an evidence piece uploaded from /evidence is linked to, chosen before its files.</summary>
public enum LinkKind
{
    Activity,
    Centre,
    Member,
    Expense,
    /// <summary>Nothing: a federation-level piece (project lead and admin only).</summary>
    Federation,
}
