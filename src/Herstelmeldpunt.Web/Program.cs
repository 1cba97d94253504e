using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Documents;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Web.Operations;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Scheduling;
using Herstelmeldpunt.Web.Staff;

// The portal composes its rooms; each room's set-up lives in that room (docs/architecture.md, "Rooms").
var builder = WebApplication.CreateBuilder(args);
builder.AddHostBasics();
var secureCookies = HostSetup.SecureCookies(builder);

var databaseOptions = DatabaseSetup.ReadOptions(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddSingleton(FieldCipher.Load(builder.Configuration.Read<FieldEncryptionOptions>(FieldEncryptionOptions.Section), databaseOptions.DataDirectory));
builder.Services.AddAppDatabase(databaseOptions);

builder.Services.AddRazorPages(o => StaffSetup.GuardPages(o.Conventions));
builder.Services.AddStaffAccounts(secureCookies);
builder.AddPartnerApi();
builder.Services.AddReporterAccess(builder.Configuration, secureCookies);
builder.Services.AddRateLimiter(o => o.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
builder.Services.AddIntake(builder.Configuration);
builder.Services.AddCaseProcess(builder.Configuration, builder.Environment.ContentRootPath);
var emailOptions = builder.Services.AddCorrespondence(builder.Configuration);
builder.Services.AddDocuments(builder.Configuration);
builder.Services.AddManagement(builder.Configuration);

// Hangfire's tables are made or upgraded by whatever applies the migrations: the node at start-up, or the 'migrate' step.
builder.Services.AddBackgroundJobs(databaseOptions, builder.Configuration.Read<BackgroundJobOptions>(BackgroundJobOptions.Section),
    prepareSchema: databaseOptions.MigrateOnStartup || args.Contains("migrate", StringComparer.OrdinalIgnoreCase));
builder.AddHostProtection(secureCookies);

var knownProxies = builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
var app = builder.Build();
StartupChecks.Transport(app, secureCookies, knownProxies);
if (await PortalCommands.RunAsync(app, args, databaseOptions, emailOptions))
{
    return;
}

StartupChecks.BeforeServing(app);
app.UsePortal(knownProxies);
await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory in the tests.</summary>
public partial class Program;
