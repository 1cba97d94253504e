using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>A seeded case: what the list tests compare pages against.</summary>
public sealed record SeededCase(Guid Id, string Reference, UrgencyLevel Urgency, DateTime Received, bool Overdue);

/// <summary>
/// Cases written straight into the database for the list tests: random urgency and receipt times on a
/// half-hour grid (so some share a time and the id breaks the tie), a name "{prefix} {i:000}", the state
/// chosen per case, and optionally an escalated deadline of that state (overdue).
/// </summary>
public static class CaseSeed
{
    public static async Task<List<SeededCase>> AddAsync(AppFactory app, int count, int randomSeed, string namePrefix, Func<int, string> state, Func<int, bool>? overdue = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(state);
        var random = new Random(randomSeed);
        var seeded = new List<SeededCase>();
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var id = Guid.NewGuid();
                var urgency = (UrgencyLevel)random.Next(1, 4);
                var received = AppFactory.DefaultNow.UtcDateTime.AddMinutes(-random.Next(0, 40) * 30);
                var reference = ReferenceNumber.NewNumber();
                var stateName = state(i);
                var isOverdue = overdue?.Invoke(i) == true;
                db.Reports.Add(new Report { Id = id, ReferenceNumber = reference, IdempotencyKey = Guid.NewGuid(), ReceivedAt = received, Urgency = urgency, FullName = $"{namePrefix} {i:000}", Bsn = "111222333", Description = "x", ConsentGivenAt = received });
                db.WorkflowInstances.Add(new WorkflowInstance { Id = id, DefinitionId = "herstelmelding", DefinitionVersion = 3, State = stateName, Version = 1, StartedAt = received, StateEnteredAt = received });
                if (isOverdue)
                {
                    db.WorkflowTimers.Add(new WorkflowTimer { Id = Guid.NewGuid(), InstanceId = id, State = stateName, Name = "deadline", DueAt = received.AddDays(7), FiredAt = received.AddDays(7), FiresAction = "escalate_to_manager", CreatedAt = received });
                }

                seeded.Add(new SeededCase(id, reference, urgency, received, isOverdue));
            }

            return await db.SaveChangesAsync();
        });
        return seeded;
    }
}
