namespace OpsConsole.Review;

public static class ReviewSetup
{
    public static IHostApplicationBuilder AddReview(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReviewStore>();
        builder.Services.AddScoped<ReviewQueue>();
        return builder;
    }

    public static WebApplication MapReview(this WebApplication app)
    {
        app.MapReviewEndpoints();
        return app;
    }
}
