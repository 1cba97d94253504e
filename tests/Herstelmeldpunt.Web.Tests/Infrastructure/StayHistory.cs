using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>
/// Seeds the stays the estimator reads (reports, instances and journal rows), relative to <paramref name="now"/>, in
/// the caller's unit of work: a history whose right estimate is known.
/// </summary>
public sealed class StayHistory(AppDbContext db, DateTimeOffset now)
{
    /// <summary>A case that entered <paramref name="state"/> <paramref name="enteredDaysAgo"/> and left it after <paramref name="stayedDays"/>.</summary>
    public void Left(double enteredDaysAgo, double stayedDays, string state = "screening", string next = "with_committee")
    {
        var id = Add(UrgencyLevel.Normal, next, now.AddDays(-enteredDaysAgo + stayedDays));
        Journal(id, 1, null, state, now.AddDays(-enteredDaysAgo));
        Journal(id, 2, state, next, now.AddDays(-enteredDaysAgo + stayedDays));
    }

    /// <summary>A case still in <paramref name="state"/> since <paramref name="enteredDaysAgo"/>.</summary>
    public WorkflowInstance Waiting(UrgencyLevel urgency, double enteredDaysAgo, string state = "screening")
    {
        var id = Add(urgency, state, now.AddDays(-enteredDaysAgo));
        Journal(id, 1, null, state, now.AddDays(-enteredDaysAgo));
        return db.WorkflowInstances.Local.Single(i => i.Id == id);
    }

    private Guid Add(UrgencyLevel urgency, string state, DateTimeOffset entered)
    {
        var id = Guid.NewGuid();
        db.Reports.Add(new Report
        {
            Id = id,
            ReferenceNumber = ReferenceNumber.NewNumber(),
            IdempotencyKey = Guid.NewGuid(),
            ReceivedAt = entered.UtcDateTime,
            Urgency = urgency,
            FullName = "x",
            Bsn = "111222333",
            Description = "x",
            ConsentGivenAt = entered.UtcDateTime,
        });
        db.WorkflowInstances.Add(new WorkflowInstance
        {
            Id = id,
            DefinitionId = "herstelmelding",
            DefinitionVersion = 3,
            State = state,
            Version = 1,
            StartedAt = entered.UtcDateTime,
            StateEnteredAt = entered.UtcDateTime,
        });
        return id;
    }

    private void Journal(Guid id, int sequence, string? from, string to, DateTimeOffset at) => db.WorkflowJournal.Add(new WorkflowJournalEntry
    {
        Id = Guid.NewGuid(),
        InstanceId = id,
        Sequence = sequence,
        At = at.UtcDateTime,
        ActorName = "seed",
        Transition = sequence == 1 ? "start" : "route_to_committee",
        FromState = from,
        ToState = to,
        DefinitionId = "herstelmelding",
        DefinitionVersion = 3,
    });
}
