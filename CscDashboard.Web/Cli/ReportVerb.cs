using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Reporting.Pdf;

namespace CscDashboard.Web.Cli;

/// <summary>
/// <c>report --period 2023-Q1 [--territory CODE] [--data-dir DIR] --out FILE.pdf</c>: builds the
/// progress report from the database and writes the PDF; a bad period or territory is a clear error.
/// </summary>
public static class ReportVerb
{
    public static async Task<int> RunAsync(VerbArguments args, IServiceProvider services)
    {
        if (!args.Options.TryGetValue("period", out var code) || !args.Options.TryGetValue("out", out var output))
        {
            throw new ArgumentException("Usage : report --period 2023-Q1 [--territory CODE] [--data-dir DOSSIER] --out FICHIER.pdf");
        }
        var operations = await services.GetRequiredService<DashboardService>().OperationsAsync();
        if (!Period.TryParse(code, operations, out var period, out var error))
        {
            throw new ArgumentException(error);
        }
        args.Options.TryGetValue("territory", out var territory);
        var kind = territory is not null ? ReportKind.Territory
            : period.Kind == PeriodKind.Month ? ReportKind.Monthly : ReportKind.QuarterlyCommittee;
        ProgressReportModel model;
        try
        {
            model = await services.GetRequiredService<ProgressReportBuilder>().BuildAsync(kind, period, territory?.ToUpperInvariant());
        }
        catch (NotFoundException ex)
        {
            throw new ArgumentException(ex.Message);
        }
        var pdf = new ProgressReportDocument(model).Render(services.GetRequiredService<IDocumentComposerFactory>());
        var path = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, pdf);
        Console.WriteLine($"{model.Title} — {model.PeriodLabel} — {model.ScopeLabel} : {path} ({pdf.Length / 1024} Ko)");
        return 0;
    }
}
