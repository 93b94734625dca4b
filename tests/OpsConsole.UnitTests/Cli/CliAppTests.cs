namespace OpsConsole.Cli;

public class CliAppTests
{
    [Fact]
    public async Task A_server_that_is_not_an_http_url_exits_2_with_a_message_on_stderr()
    {
        var (code, _, error) = await RunAsync("health", "--server", "ftp://example");

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("--server must be an http(s) URL", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_exits_2_and_names_it()
    {
        var (code, _, error) = await RunAsync("frobnicate");

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("frobnicate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_nobody_listens_on_exits_1()
    {
        // Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
        var (code, _, error) = await RunAsync("health", "--server", "http://127.0.0.1:9", "--timeout-seconds", "5");

        Assert.Equal(CliApp.Failed, code);
        Assert.Contains("Could not reach", error, StringComparison.Ordinal);
    }

    static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, httpHandler: null, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
