using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Alerting;

/// <summary>
/// Evaluates every enabled rule on Hangfire's schedule (default every 15 s). Safe with several Hangfire servers: the
/// job is not run twice at once, and even if it were, each alert's state is written under a concurrency token and each
/// open group key is unique in the database, so a doubled evaluation opens one incident, not two. One broken rule is
/// logged and the rest are still evaluated.
/// </summary>
public sealed class AlertEvaluationJob(IServiceScopeFactory scopes, OpsDbContext db, ILogger<AlertEvaluationJob> logger)
{
    public const string Id = "alerting-evaluate";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]   // the next run, seconds later, is the retry
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var rules = await db.AlertRules.AsNoTracking().Where(r => r.IsEnabled).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var evaluated = 0;
        foreach (var rule in rules)
        {
            try
            {
                // A scope per rule: a failed save leaves nothing half-tracked for the next rule.
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<Identity.AuditActor>().UseSystem(AlertRouter.Actor);
                evaluated += (await scope.ServiceProvider.GetRequiredService<AlertEvaluator>().EvaluateAsync(rule, cancellationToken)).Count;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.RuleFailed(exception, rule.Id);
            }
        }
        return evaluated;
    }
}
