namespace OpsConsole;

static class CliEntryPoint
{
    // An explicit entry point in the console's namespace: a top-level Program would clash with the web app's in tests.
    static Task<int> Main(string[] args) => CliApp.RunAsync(args, Console.Out, Console.Error, httpHandler: null, CancellationToken.None);
}
