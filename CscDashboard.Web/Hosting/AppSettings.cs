using Microsoft.Extensions.Configuration.Json;

namespace CscDashboard.Web.Hosting;

/// <summary>
/// The app reads one settings file, the repository's (or the published folder's) appsettings.json,
/// wherever it is started from; appsettings.{Environment}.json beside it and environment variables
/// override it.
/// </summary>
public static class AppSettings
{
    public const string FileName = "appsettings.json";

    /// <summary>The folder holding appsettings.json: the first one found walking up from the app's binaries.</summary>
    public static string FindSettingsDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, FileName)))
                {
                    return dir.FullName;
                }
            }
        }
        throw new FileNotFoundException($"{FileName} est introuvable au-dessus de {AppContext.BaseDirectory}.");
    }

    /// <summary>Replaces the content-root JSON files of the default builder by the located ones, at the same low priority.</summary>
    public static string Apply(IConfigurationManager configuration, string environmentName)
    {
        var directory = FindSettingsDirectory();
        var sources = configuration.Sources;
        var firstJson = sources.ToList().FindIndex(s => s is JsonConfigurationSource);
        foreach (var json in sources.OfType<JsonConfigurationSource>().Where(s => s.Path is not null && s.Path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            sources.Remove(json);
        }
        var at = firstJson < 0 ? 0 : Math.Min(firstJson, sources.Count);
        sources.Insert(at, Json(Path.Combine(directory, $"appsettings.{environmentName}.json"), optional: true));
        sources.Insert(at, Json(Path.Combine(directory, FileName), optional: false));
        return directory;
    }

    /// <summary>A whole-number setting, its default when absent; out of [min, max] or not a number, a French refusal at start-up.</summary>
    public static int WholeNumber(IConfiguration configuration, string key, int defaultValue, int min, int max)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Réglage {key} invalide (« {text} ») : indiquez un nombre entier entre {min} et {max}."));
        }
        return value;
    }

    private static JsonConfigurationSource Json(string path, bool optional)
    {
        var source = new JsonConfigurationSource { Path = Path.GetFileName(path), Optional = optional, ReloadOnChange = false };
        source.FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(path)!);
        return source;
    }
}
