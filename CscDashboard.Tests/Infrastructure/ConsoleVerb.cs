using CscDashboard.Web.Cli;

namespace CscDashboard.Tests.Infrastructure;

/// <summary>
/// Runs a command-line verb in-process and returns what it printed. Console is process-wide: the
/// tests that use it belong to <see cref="Web.ConsoleOutputCollection"/>.
/// </summary>
public static class ConsoleVerb
{
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var (previousOut, previousError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(errors);
        try
        {
            var exit = await CommandLine.RunAsync(args);
            return (exit, output.ToString(), errors.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }
}
