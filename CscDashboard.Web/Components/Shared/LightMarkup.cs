using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace CscDashboard.Web.Components.Shared;

/// <summary>
/// MudBlazor's look for the small pieces that dashboards repeat dozens of times (links in table
/// cells, icons in tiles), written as plain elements with MudBlazor's CSS classes instead of
/// components. A Blazor Server circuit keeps every component's render tree (twice) for as long as the
/// page is open: a plain element costs a few frames, a component a few kilobytes. Measured in
/// docs/load.md.
/// </summary>
public static class LightMarkup
{
    /// <summary>The classes of <c>&lt;MudPaper Class="pa-3" Elevation="1"&gt;</c>: a dashboard's section box.</summary>
    public const string PaperClass = "mud-paper mud-elevation-1 pa-3";

    /// <summary>The classes of <c>&lt;MudText HtmlTag="h2" Typo="Typo.h6" Class="mb-2"&gt;</c>: a section's title.</summary>
    public const string SectionTitleClass = "mud-typography mud-typography-h6 mb-2";

    /// <summary>
    /// The classes of <c>&lt;MudSimpleTable Dense Hover Class="compact-table"&gt;</c>, whose markup is this element, then
    /// <c>&lt;div class="mud-table-container"&gt;&lt;table&gt;</c>.
    /// </summary>
    public const string TableClass = "mud-table mud-simple-table mud-table-dense mud-table-hover mud-elevation-1 compact-table";

    /// <summary>The same without <c>Hover</c>.</summary>
    public const string PlainTableClass = "mud-table mud-simple-table mud-table-dense mud-elevation-1 compact-table";

    /// <summary>The classes of <c>&lt;MudText Typo="Typo.caption" Class="d-block"&gt;</c> (a <c>span</c>).</summary>
    public const string CaptionClass = "mud-typography mud-typography-caption d-block";

    /// <summary>The classes of <c>&lt;MudText Typo="Typo.body2" Class="mud-text-secondary"&gt;</c> (a <c>p</c>).</summary>
    public const string SecondaryTextClass = "mud-typography mud-typography-body2 mud-text-secondary";

    /// <summary>The classes MudLink renders with its default settings.</summary>
    public const string LinkClass = "mud-typography mud-link mud-primary-text mud-link-underline-hover";

    /// <summary>The text as a MudBlazor-styled link, or plain text when there is no address (e.g. for the committee).</summary>
    public static RenderFragment Link(string? href, string text) => builder =>
    {
        if (href is null)
        {
            builder.AddContent(0, text);
            return;
        }
        builder.OpenElement(1, "a");
        builder.AddAttribute(2, "href", href);
        builder.AddAttribute(3, "class", LinkClass);
        builder.AddContent(4, text);
        builder.CloseElement();
    };

    /// <summary>A Material icon (an <c>Icons.Material.*</c> value), as MudIcon renders it, small and in the primary colour.</summary>
    public static RenderFragment Icon(string svgContent) => builder => WriteIcon(builder, svgContent);

    private static void WriteIcon(RenderTreeBuilder builder, string svgContent)
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", "mud-icon-root mud-svg-icon mud-primary-text mud-icon-size-small");
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddMarkupContent(5, svgContent);
        builder.CloseElement();
    }
}
