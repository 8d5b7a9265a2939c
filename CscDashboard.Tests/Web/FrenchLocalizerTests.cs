using System.Collections;
using System.Globalization;
using System.Resources;
using CscDashboard.Web.Hosting;
using MudBlazor;

namespace CscDashboard.Tests.Web;

public sealed class FrenchLocalizerTests
{
    [Fact]
    public void Every_text_of_mudblazor_has_a_french_translation()
    {
        // Guards upgrades: a new MudBlazor text without translation would show in English.
        var resources = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudButton).Assembly);
        var keys = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).ToList();

        Assert.NotEmpty(keys);
        var missing = keys.Where(k => !FrenchMudLocalizer.Texts.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "untranslated: " + string.Join(", ", missing));
    }

    [Fact]
    public void Texts_with_arguments_are_formatted_in_french()
    {
        var localizer = new FrenchMudLocalizer();

        Assert.Equal("Lignes par page :", localizer["MudDataGridPager_RowsPerPage"].Value);
        Assert.Equal("1-25 sur 1 234", localizer["MudDataGridPager_InfoFormat", 1, 25, "1 234"].Value);
    }
}
