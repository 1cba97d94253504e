using Bogus;
using Herstelmeldpunt.Web.Cases.FollowUp;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Tests.Management;

/// <summary>Reports, cases, closures, deadlines and calls of a known random shape (fixed seed), inserted directly.</summary>
public static class DashboardSeed
{
    private static readonly string[] States = ["screening", "awaiting_information", "with_committee", "advice_review", "awaiting_decision", "decision_proposed", "follow_up_call", "closed", "withdrawn", "closed_outside_target_group"];

    public static async Task SeedAsync(AppDbContext db, DateTime now, int count, IReadOnlyList<string> committeeMembers, int seed = 4711)
    {
        ArgumentNullException.ThrowIfNull(db);
        var faker = new Faker { Random = new Randomizer(seed) };
        for (var n = 0; n < count; n++)
        {
            var id = Guid.NewGuid();
            var received = now.AddMinutes(-faker.Random.Int(0, 150 * 24 * 60));
            var state = faker.PickRandom(States);
            var entered = received.AddMinutes(faker.Random.Int(0, (int)(now - received).TotalMinutes));
            db.Reports.Add(new Report
            {
                Id = id,
                ReferenceNumber = ReferenceNumber.NewNumber(),
                IdempotencyKey = Guid.NewGuid(),
                ReceivedAt = received,
                Source = faker.Random.Bool(0.8f) ? ReportSource.PublicForm : ReportSource.Staff,
                Urgency = faker.PickRandom<UrgencyLevel>(),
                Language = "nl",
                FullName = faker.Name.FullName(),
                Bsn = "111222333",
                DateOfBirth = new DateOnly(1960, 1, 1),
                Email = faker.Internet.Email(),
                PreferredChannel = ContactChannel.Email,
                PreferredTime = ContactTime.Morning,
                Description = faker.Lorem.Sentence(),
                ConsentGivenAt = received,
            });
            db.WorkflowInstances.Add(new WorkflowInstance
            {
                Id = id,
                DefinitionId = "herstelmelding",
                DefinitionVersion = 2,
                State = state,
                Version = 2,
                StartedAt = received,
                StateEnteredAt = entered,
                AssigneeId = state is "with_committee" or "advice_review" ? committeeMembers[faker.Random.Int(0, committeeMembers.Count - 1)] : null,
            });
            var from = state is "closed" or "withdrawn" or "closed_outside_target_group" ? "screening" : null;
            db.WorkflowJournal.Add(new WorkflowJournalEntry
            {
                Id = Guid.NewGuid(),
                InstanceId = id,
                Sequence = 2,
                At = entered,
                ActorName = "seed",
                Transition = "seed",
                FromState = from ?? "screening",
                ToState = state,
                DefinitionId = "herstelmelding",
                DefinitionVersion = 2,
            });
            if (faker.Random.Bool(0.3f))
            {
                var fired = faker.Random.Bool();
                db.WorkflowTimers.Add(new WorkflowTimer
                {
                    Id = Guid.NewGuid(),
                    InstanceId = id,
                    State = faker.Random.Bool(0.7f) ? state : "screening",
                    Name = "deadline",
                    DueAt = fired ? entered.AddDays(5) : now.AddHours(faker.Random.Int(1, 96)),
                    FiresAction = CaseVocabulary.Actions.EscalateToManager,
                    CreatedAt = entered,
                    FiredAt = fired ? entered.AddDays(5) : null,
                    CancelledAt = faker.Random.Bool(0.1f) ? now : null,
                });
            }

            if (state == "closed" && faker.Random.Bool(0.7f))
            {
                var reached = faker.Random.Bool(0.8f);
                db.FollowUpCalls.Add(new FollowUpCall
                {
                    Id = Guid.NewGuid(),
                    CaseId = id,
                    Attempt = 1,
                    ScheduledFor = entered,
                    CalledAt = entered,
                    Reached = reached,
                    Satisfaction = reached ? faker.Random.Int(1, 5) : null,
                    SatisfiedWithProvision = reached ? faker.Random.Bool() : null,
                    ActionNeeded = reached ? faker.Random.Bool(0.2f) : null,
                });
            }
        }

        await db.SaveChangesAsync();
    }
}
