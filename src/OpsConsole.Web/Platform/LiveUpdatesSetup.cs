namespace OpsConsole.Platform;

public static class LiveUpdatesSetup
{
    public static IHostApplicationBuilder AddLiveUpdates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveEvents>();
        builder.Services.AddSingleton<HubConnections>();
        builder.Services.AddScoped<NotificationSender>();
        builder.Services.AddScoped<NotificationQueries>();
        var signalR = builder.Services.AddSignalR();
        var redis = builder.Configuration.GetSection(LiveEventsOptions.Section).Get<LiveEventsOptions>()?.RedisConnectionString;
        if (!string.IsNullOrWhiteSpace(redis)) signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("opsconsole"));
        return builder;
    }

    public static WebApplication MapLiveUpdates(this WebApplication app)
    {
        app.MapHub<NotificationHub>(NotificationHub.Path);
        app.MapNotificationEndpoints();
        return app;
    }
}
