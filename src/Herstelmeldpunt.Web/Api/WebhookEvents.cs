using System.Text.Json;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Api;

public static class WebhookEvents
{
    public const string Received = "case.received";
    public const string StateChanged = "case.state-changed";
    public const string DecisionFinal = "case.decision-final";

    public static readonly IReadOnlyList<string> All = [Received, StateChanged, DecisionFinal];

    /// <summary>
    /// Adds a delivery per subscription for every case step in this unit of work (called on every save by <see cref="WebhookEventsInterceptor"/>, so
    /// whatever takes a step — a page, the API, a timer, the reporter — the events go out with it or not at all).
    /// </summary>
    public static async Task QueueAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var read = Take(db);
        if (Steps(db) is { Count: > 0 } steps)
        {
            Add(db, steps, read ?? await Subscriptions(db).ToListAsync(cancellationToken));
        }
    }

    /// <summary>The same for the synchronous SaveChanges.</summary>
    public static void Queue(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var read = Take(db);
        if (Steps(db) is { Count: > 0 } steps)
        {
            Add(db, steps, read ?? [.. Subscriptions(db)]);
        }
    }

    /// <summary>
    /// The live subscriptions as a query of the caller already read them, in the save's transaction, for this context's
    /// next save (and that save only): the intake's one look-up reads <c>string_agg("Id" || ' ' || "Events", ';')</c> over
    /// the subscriptions not removed (PostgreSQL, and SQLite since 3.44), so the save does not ask again.
    /// </summary>
    public static void Remember(AppDbContext db, string? targets)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.WebhookTargetsRead = (targets ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split(' ', 2))
            .Select(t => new Target { Id = Guid.Parse(t[0]), Events = t.Length > 1 ? t[1] : string.Empty })
            .ToList();
    }

    /// <summary>Forgets what was remembered (a look-up that ended without a save): a pooled context must not carry it to its next user.</summary>
    public static void Forget(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.WebhookTargetsRead = null;
    }

    private static List<Target>? Take(AppDbContext db)
    {
        var read = db.WebhookTargetsRead as List<Target>;
        db.WebhookTargetsRead = null;
        return read;
    }

    private static List<WorkflowJournalEntry> Steps(AppDbContext db) =>
        db.ChangeTracker.Entries<WorkflowJournalEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();

    private sealed class Target
    {
        public Guid Id { get; init; }

        public string Events { get; init; } = string.Empty;
    }

    private static IQueryable<Target> Subscriptions(AppDbContext db) =>
        db.Set<WebhookSubscription>().AsNoTracking().Where(s => s.RemovedAt == null).Select(s => new Target { Id = s.Id, Events = s.Events });

    private static void Add(AppDbContext db, List<WorkflowJournalEntry> steps, List<Target> subscriptions)
    {
        foreach (var step in steps)
        {
            foreach (var type in TypesOf(step))
            {
                var eventId = Guid.CreateVersion7(new DateTimeOffset(step.At, TimeSpan.Zero));
                var payload = JsonSerializer.Serialize(new WebhookPayload(eventId, type, DateTime.SpecifyKind(step.At, DateTimeKind.Utc), new WebhookCase(step.InstanceId, step.Transition, step.FromState, step.ToState, $"{ApiSetup.BasePath}/cases/{step.InstanceId:D}")), ApiJson.Options);
                foreach (var subscription in subscriptions.Where(s => s.Events.Split(' ').Contains(type)))
                {
                    db.Set<WebhookDelivery>().Add(new WebhookDelivery
                    {
                        Id = Guid.CreateVersion7(new DateTimeOffset(step.At, TimeSpan.Zero)),
                        SubscriptionId = subscription.Id,
                        EventId = eventId,
                        EventType = type,
                        CaseId = step.InstanceId,
                        Payload = payload,
                        CreatedAt = step.At,
                        NextAttemptAt = step.At,
                        RetryingSince = step.At,
                    });
                }
            }
        }
    }

    private static IEnumerable<string> TypesOf(WorkflowJournalEntry step)
    {
        yield return step.FromState is null ? Received : StateChanged;
        if (step.ToState == CaseVocabulary.States.DecisionFinal)
        {
            yield return DecisionFinal;
        }
    }
}

/// <summary>What a partner receives: the event and the case's id, step and states; the rest they read with GET /cases/{id}.</summary>
public sealed record WebhookPayload(Guid Id, string Type, DateTime OccurredAt, WebhookCase Case);

public sealed record WebhookCase(Guid Id, string Transition, string? FromState, string ToState, string Href);
