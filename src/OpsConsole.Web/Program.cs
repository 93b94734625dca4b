using OpsConsole.Alerting;
using OpsConsole.Identity;
using OpsConsole.Incidents;
using OpsConsole.Monitoring;
using OpsConsole.Platform;
using OpsConsole.Registry;
using OpsConsole.Review;
using OpsConsole.Scoring;
using OpsConsole.Training;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();           // database, Hangfire, live events, telemetry, ProblemDetails, health, TimeProvider
builder.AddIdentityAndAudit();   // users, roles, API keys, audit log; then one line per feature in map order
builder.AddRegistry();
builder.AddScoring();
builder.AddMonitoring();
builder.AddAlerting();
builder.AddIncidents();
builder.AddTraining();
builder.AddReview();

var app = builder.Build();
await app.PrepareDatabaseAsync();
await app.BootstrapIdentityAsync();
await app.SeedRunbooksAsync();
await app.SeedDemoModelAsync();
await app.SeedDemoAlertRulesAsync();
app.UsePlatform();
app.MapPlatform();
app.MapIdentityAndAudit();
app.MapRegistry();
app.MapScoring();
app.MapMonitoring();
app.MapAlerting();
app.MapIncidents();
app.MapTraining();
app.MapReview();
await app.RunAsync();

/// <summary>The entry point; public so the test hosts can start the real app.</summary>
public partial class Program;
