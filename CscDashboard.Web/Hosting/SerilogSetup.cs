using CscDashboard.Core.Data;
using Serilog;

namespace CscDashboard.Web.Hosting;

/// <summary>Serilog from appsettings.json; a relative path of the File sink is placed under the data directory's logs/.</summary>
public static class SerilogSetup
{
    public static void Configure(LoggerConfiguration logger, IConfiguration configuration, StorageOptions storage)
    {
        foreach (var sink in configuration.GetSection("Serilog:WriteTo").GetChildren())
        {
            var path = sink["Args:path"];
            if (sink["Name"] == "File" && path is not null && !Path.IsPathRooted(path))
            {
                configuration[$"{sink.Path}:Args:path"] = Path.Combine(storage.LogsDirectory, path);
            }
        }
        logger.ReadFrom.Configuration(configuration).Enrich.FromLogContext();
    }
}
