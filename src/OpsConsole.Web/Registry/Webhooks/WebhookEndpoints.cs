using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsConsole.Identity;

namespace OpsConsole.Registry.Webhooks;

public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        api.MapGet("/", List).WithSummary("Every webhook, active or not; never its secret.");
        api.MapPost("/", Create).WithSummary("Adds a webhook for some or (with no events) all registry events, signed with its secret.");
        api.MapDelete("/{id:long}", Deactivate).WithSummary("Deactivates a webhook; its pending deliveries are not sent and its log stays.");
        api.MapGet("/deliveries", Deliveries).WithSummary("The delivery log, newest first (?subscriptionId=&take=, take 1 to 500, default 100).");
        api.MapPost("/deliveries/{id:long}/retry", Retry).WithSummary("Makes a pending or failed delivery due now.");
        return api;
    }

    static async Task<Ok<IReadOnlyList<WebhookView>>> List(WebhookAdministration webhooks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await webhooks.ListAsync(cancellationToken));

    static async Task<Results<Created<WebhookView>, ValidationProblem>> Create(
        NewWebhook input, ClaimsPrincipal caller, WebhookAdministration webhooks, CancellationToken cancellationToken)
    {
        var (created, errors) = await webhooks.CreateAsync(input, CurrentUser.NameOf(caller), cancellationToken);
        return created is null ? TypedResults.ValidationProblem(errors) : TypedResults.Created("/api/webhooks", created);
    }

    static async Task<Results<Ok<WebhookView>, NotFound>> Deactivate(long id, WebhookAdministration webhooks, CancellationToken cancellationToken) =>
        await webhooks.DeactivateAsync(id, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    static async Task<Results<Ok<IReadOnlyList<WebhookDeliveryView>>, ValidationProblem>> Deliveries(
        long? subscriptionId, int? take, WebhookAdministration webhooks, CancellationToken cancellationToken)
    {
        if (take is < 1 or > WebhookAdministration.MaxDeliveries)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["take"] = [$"Use 1 to {WebhookAdministration.MaxDeliveries}."],
            });
        }
        return TypedResults.Ok(await webhooks.DeliveriesAsync(subscriptionId, take ?? 100, cancellationToken));
    }

    static async Task<Results<Ok<WebhookDeliveryView>, NotFound>> Retry(long id, WebhookAdministration webhooks, CancellationToken cancellationToken) =>
        await webhooks.RetryAsync(id, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
}
