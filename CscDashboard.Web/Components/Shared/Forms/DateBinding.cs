namespace CscDashboard.Web.Components.Shared.Forms;

/// <summary>MudDatePicker works with DateTime?; the domain with DateOnly.</summary>
public static class DateBinding
{
    public static DateTime? ToPicker(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);
    public static DateOnly? FromPicker(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;
    public static string Show(DateOnly? date) => date?.ToString("dd/MM/yyyy", WebCulture.French) ?? "—";
}
