using System.CommandLine;
using OpsConsole.Monitoring;
using OpsConsole.Platform;

namespace OpsConsole;

/// <summary>The <c>opsconsole</c> command tree. Exit codes: 0 success, 1 the check failed, 2 bad input.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    // httpHandler lets tests point the tool at an in-process server; null uses the network.
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, HttpMessageHandler? httpHandler, CancellationToken cancellationToken)
    {
        var root = new RootCommand("OpsConsole command line: offline drift checks and scripting against a console server.")
        {
            DriftCommand.Create(output, error),
            HealthCommand.Create(output, error, httpHandler),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors) await error.WriteLineAsync(parseError.Message);
            return BadInput;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
