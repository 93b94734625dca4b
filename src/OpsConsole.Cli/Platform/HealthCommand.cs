using System.CommandLine;

namespace OpsConsole.Platform;

/// <summary><c>opsconsole health --server URL</c>: exit 0 when the console is ready, 1 when not, 2 on a bad URL.</summary>
public static class HealthCommand
{
    public static Command Create(TextWriter output, TextWriter error, HttpMessageHandler? httpHandler)
    {
        var server = new Option<string>("--server") { Description = "Base URL of the console, e.g. http://127.0.0.1:5000", Required = true };
        var timeout = new Option<int>("--timeout-seconds") { Description = "Give up after this many seconds", DefaultValueFactory = _ => 10 };
        var command = new Command("health", "Checks that a console is ready (database reachable), for scripts and deploy pipelines.") { server, timeout };
        command.SetAction((result, cancellationToken) =>
            CheckAsync(result.GetValue(server)!, result.GetValue(timeout), output, error, httpHandler, cancellationToken));
        return command;
    }

    static async Task<int> CheckAsync(string server, int timeoutSeconds, TextWriter output, TextWriter error, HttpMessageHandler? httpHandler, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"--server must be an http(s) URL, got '{server}'.");
            return CliApp.BadInput;
        }
        if (timeoutSeconds is < 1 or > 600)
        {
            await error.WriteLineAsync("--timeout-seconds must be between 1 and 600.");
            return CliApp.BadInput;
        }

        using var client = httpHandler is null ? new HttpClient() : new HttpClient(httpHandler, disposeHandler: false);
        client.Timeout = TimeSpan.FromSeconds(timeoutSeconds);
        try
        {
            using var response = await client.GetAsync(new Uri(baseUri, "/health/ready"), cancellationToken);
            var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            await output.WriteLineAsync($"{(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? CliApp.Ok : CliApp.Failed;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"Could not reach {baseUri}: {exception.Message}");
            return CliApp.Failed;
        }
    }
}
