namespace OpsConsole.Identity;

static partial class IdentityLog
{
    // The one place a secret reaches the log, because the issue asks for it: there is no other way to the first sign-in.
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "No user existed, so an admin was created: sign in as {Email} with the one-time password {Password}, then change it at /account/password")]
    public static partial void OneTimeAdminPassword(this ILogger logger, string email, string password);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "First admin {Email} created from Bootstrap settings")]
    public static partial void AdminCreated(this ILogger logger, string email);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Bootstrap API key registered (Admin role)")]
    public static partial void BootstrapKeyCreated(this ILogger logger);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Demo mode: {Count} demo users ready (see README)")]
    public static partial void DemoUsersReady(this ILogger logger, int count);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Audit retention removed {Count} entries older than {Days} days")]
    public static partial void AuditPruned(this ILogger logger, int count, int days);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Failed sign-in for {Email}: {Reason}")]
    public static partial void SignInFailed(this ILogger logger, string email, string reason);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Could not record the last use of API key {KeyId}")]
    public static partial void ApiKeyTouchFailed(this ILogger logger, Exception exception, long keyId);
}
