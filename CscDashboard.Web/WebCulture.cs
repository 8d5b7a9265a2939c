using System.Globalization;

namespace CscDashboard.Web;

/// <summary>The one culture users see: dates and numbers in French.</summary>
public static class WebCulture
{
    public static readonly CultureInfo French = CscDashboard.Core.Common.French.Culture;
}
