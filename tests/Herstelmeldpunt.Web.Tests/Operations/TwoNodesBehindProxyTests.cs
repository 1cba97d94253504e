using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Operations;

/// <summary>
/// Two app processes on one throw-away PostgreSQL behind nginx terminating TLS, as production runs: a
/// staff sign-in through the proxy holds whichever node answers, both nodes answer, and 500 due timers
/// and 500 queued mails are all handled while one node is killed halfway — none lost, none handled twice.
/// </summary>
public sealed partial class TwoNodesBehindProxyTests
{
    private const int Count = 500;

    [GeneratedRegex(@"^Message-ID:\s*(\S+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageId();

    [GeneratedRegex(@"/backoffice/account/wachtwoord-instellen\?\S+")]
    private static partial Regex SetPasswordLink();

    [Fact]
    public async Task A_sign_in_holds_on_either_node_and_timers_and_mails_are_handled_once_while_a_node_is_killed()
    {
        using var database = PostgresDatabase.Create();
        using var smtp = new SmtpSink();
        var (portA, portB) = (AppProcess.FreePort(), AppProcess.FreePort());
        using var proxy = new NginxProxy(portA, portB);
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Herstelmeldpunt"] = database.ConnectionString,
            ["Database__DataDirectory"] = Directory.CreateTempSubdirectory("hm-node-").FullName,
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["Email__SmtpHost"] = "127.0.0.1",
            ["Email__SmtpPort"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email__PublicBaseUrl"] = proxy.BaseAddress.ToString().TrimEnd('/'),
            ["BackgroundJobs__SweepPollInterval"] = "00:00:00.250",
            ["Email__SendLease"] = "00:00:10", // what a killed node had claimed goes to the other after 10 s (default 5 min)
            ["Encryption__CurrentKey"] = "test-1", // the nodes share the key (configured, never a file per node)
            ["Encryption__Keys__test-1"] = AppFactory.TestKey,
            ["Encryption__HashKey"] = AppFactory.TestHashKey,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        using var nodeA = new AppProcess(portA, settings);
        await nodeA.WaitForReadyAsync(); // migrates
        using var nodeB = new AppProcess(portB, settings);
        await nodeB.WaitForReadyAsync();

        // The first administrator, made by the command, sets a password and enrols through the proxy.
        using (var command = new AppProcess(AppProcess.FreePort(), settings, "create-admin", "beheer@example.nl", "Bea Beheer"))
        {
            var printed = await command.WaitForExitAsync();
            var link = SetPasswordLink().Match(printed);
            Assert.True(link.Success, printed);
            using var client = proxy.NewClient();
            var setPassword = await client.GetPageAsync(link.Value);
            var set = await client.PostFormAsync(setPassword, link.Value, new Dictionary<string, string?> { ["Password"] = StaffSession.Password, ["ConfirmPassword"] = StaffSession.Password });
            Assert.Equal("/backoffice/inloggen?melding=wachtwoord", set.Location?.OriginalString);
            var login = await client.GetPageAsync("/backoffice/inloggen");
            var signedIn = await client.PostFormAsync(login, "/backoffice/inloggen", new Dictionary<string, string?> { ["Email"] = "beheer@example.nl", ["Password"] = StaffSession.Password });
            Assert.Equal("/backoffice/account/tweestapsverificatie", signedIn.Location?.OriginalString);
            var enrol = await client.GetPageAsync("/backoffice/account/tweestapsverificatie");
            var key = enrol.Document.QuerySelector("[data-testid=shared-key]")!.TextContent;
            var enrolled = await client.PostFormAsync(enrol, "/backoffice/account/tweestapsverificatie", new Dictionary<string, string?> { ["Code"] = Totp.Code(key, TimeProvider.System) });
            Assert.Equal(10, enrolled.Document.QuerySelectorAll("[data-testid=recovery-codes] li").Length);

            // The session and its antiforgery cookie, issued by one node, hold on both.
            var answeredBy = new HashSet<string>();
            for (var i = 0; i < 12; i++)
            {
                using var response = await client.GetAsync(new Uri("/backoffice/beheer/accounts", UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {response.Headers.Location} from {string.Join(',', response.Headers.GetValues("X-Upstream"))} (request {i})");
                answeredBy.Add(response.Headers.GetValues("X-Upstream").Single());
            }

            Assert.Equal(new[] { $"127.0.0.1:{portA}", $"127.0.0.1:{portB}" }.Order(StringComparer.Ordinal), answeredBy.Order(StringComparer.Ordinal));
            for (var i = 0; i < 4; i++)
            {
                var settingsPage = await client.GetPageAsync("/backoffice/account");
                var saved = await client.PostFormAsync(settingsPage, "/backoffice/account", new Dictionary<string, string?> { ["Language"] = "nl" });
                Assert.Equal("/backoffice/account?opgeslagen=True", saved.Location?.OriginalString); // a form rendered by one node is accepted by whichever answers
            }
        }

        // 500 cases with a screening deadline due now (a manager to escalate to), and 500 mails queued.
        var cipher = new FieldCipher(new Dictionary<string, byte[]> { ["test-1"] = Convert.FromBase64String(AppFactory.TestKey) }, "test-1", Convert.FromBase64String(AppFactory.TestHashKey));
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(database.ConnectionString).UseFieldCipher(cipher).Options;
        await using (var db = new AppDbContext(options))
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "AspNetUsers" ("Id", "DisplayName", "IsDisabled", "CreatedAt", "Language", "NotifyAssigned", "NotifyEscalations", "NotifyDeadlineSoon", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                VALUES ('manager-1', 'Manager', FALSE, now(), 'nl', TRUE, TRUE, TRUE, 'm@example.nl', 'M@EXAMPLE.NL', 'm@example.nl', 'M@EXAMPLE.NL', TRUE, FALSE, FALSE, TRUE, 0);
                INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") SELECT 'manager-1', "Id" FROM "AspNetRoles" WHERE "Name" = 'Manager';
                """);
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            for (var i = 0; i < Count; i++)
            {
                var id = Guid.NewGuid();
                db.Reports.Add(new Report { Id = id, ReferenceNumber = ReferenceNumber.NewNumber(), IdempotencyKey = Guid.NewGuid(), ReceivedAt = now.AddDays(-8), Urgency = UrgencyLevel.Normal, FullName = "Knoop " + i, Bsn = "111222333", Description = "x", Email = "k@example.nl", ConsentGivenAt = now });
                db.WorkflowInstances.Add(new WorkflowInstance { Id = id, DefinitionId = CaseVocabulary.DefinitionId, DefinitionVersion = 4, State = CaseVocabulary.States.Screening, Version = 1, StartedAt = now.AddDays(-8), StateEnteredAt = now.AddDays(-8) });
                db.WorkflowTimers.Add(new WorkflowTimer { Id = Guid.NewGuid(), InstanceId = id, State = CaseVocabulary.States.Screening, Name = "screening_deadline", DueAt = now.AddMinutes(-1), FiresAction = CaseVocabulary.Actions.EscalateToManager, FiresWith = "screening_deadline", CreatedAt = now.AddDays(-8) });
                EmailOutbox.Enqueue(db, TimeProvider.System, "two-nodes:" + i.ToString(CultureInfo.InvariantCulture), new OutgoingEmail($"ontvanger{i}@example.nl", "Bericht " + i.ToString(CultureInfo.InvariantCulture), "Tekst"));
            }

            await db.SaveChangesAsync();
        }

        // Node A dies halfway through the work; node B carries on alone.
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30) && await SentAsync(options) < Count / 4)
        {
            await Task.Delay(50);
        }

        nodeA.Kill();
        while (watch.Elapsed < TimeSpan.FromSeconds(150) && (await SentAsync(options) < 2 * Count || await PendingTimersAsync(options) > 0))
        {
            await Task.Delay(250);
        }

        Assert.Equal(0, await PendingTimersAsync(options));
        await using (var db = new AppDbContext(options))
        {
            var escalations = await db.OutboxMessages.CountAsync(m => m.IdempotencyKey.StartsWith("escalation:"));
            Assert.Equal(Count, escalations); // one per timer: none fired twice, none lost
            Assert.Equal(Count, await db.OutboxMessages.CountAsync(m => m.IdempotencyKey.StartsWith("two-nodes:") && m.SentAt != null));
            var others = await db.OutboxMessages.Where(m => !m.IdempotencyKey.StartsWith("two-nodes:") && !m.IdempotencyKey.StartsWith("escalation:")).Select(m => m.Template).ToListAsync();
            Assert.Equal(["invitation"], others); // create-admin mails the link too
            Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.SentAt == null));
        }

        // At the SMTP server: every message arrived. A message in flight when node A died may arrive twice,
        // with the same Message-ID (receivers drop it); never more than one batch.
        await Task.Delay(1000);
        var messages = smtp.Messages();
        var ids = messages.Select(m => MessageId().Match(m).Groups[1].Value).ToList();
        Assert.DoesNotContain(string.Empty, ids);
        const int Expected = (2 * Count) + 1; // with the invitation
        Assert.True(Expected == ids.Distinct(StringComparer.Ordinal).Count(), $"{messages.Count} messages received, {ids.Distinct(StringComparer.Ordinal).Count()} distinct");
        Assert.True(ids.Count - Expected <= 50, $"{ids.Count - Expected} messages arrived twice");
        await nodeB.WaitForReadyAsync(); // the survivor still answers
    }

    private static async Task<int> SentAsync(DbContextOptions<AppDbContext> options)
    {
        await using var db = new AppDbContext(options);
        return await db.OutboxMessages.CountAsync(m => m.SentAt != null);
    }

    private static async Task<int> PendingTimersAsync(DbContextOptions<AppDbContext> options)
    {
        await using var db = new AppDbContext(options);
        return await db.WorkflowTimers.CountAsync(t => t.FiredAt == null && t.CancelledAt == null);
    }
}
