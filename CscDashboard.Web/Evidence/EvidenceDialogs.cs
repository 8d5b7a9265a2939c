using MudBlazor;

namespace CscDashboard.Web.Evidence;

public static class EvidenceDialogs
{
    public static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true };
}
