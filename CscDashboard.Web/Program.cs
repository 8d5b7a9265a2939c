using System.Globalization;
using CscDashboard.Web.Cli;
using CscDashboard.Web.Hosting;
using Serilog;

// Command-line verbs (seed, …) and --help do their work and exit; without a verb the web app starts.
if (CommandLine.Handles(args))
{
    return await CommandLine.RunAsync(args);
}

// The start-up logger only writes the fatal line below, whose template holds no value to format.
Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: CultureInfo.InvariantCulture).CreateLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddCscServices();
    var app = builder.Build();
    await app.InitializeDataAsync();
    app.UseCscPipeline();
    app.LogStartUpTime();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "L'application s'est arrêtée sur une erreur");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

public partial class Program;
