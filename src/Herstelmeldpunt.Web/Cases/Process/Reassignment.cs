using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Process;

/// <summary>
/// Moving committee cases to another member (one or many, with a reason), or releasing every open case
/// of a member who leaves (each goes to the member with the fewest open committee cases). The old
/// member's rights end with the assignment; the advice deadline (a timer of the state) is untouched; the
/// case page shows who moved what and why; the new member gets an email. Scoped.
/// </summary>
public sealed class Reassignment(AppDbContext db, CaseWorkflow workflow, EmailTemplates templates, TimeProvider clock)
{
    /// <summary>Returns an error key, or null when every case was moved.</summary>
    public async Task<string?> MoveAsync(IReadOnlyCollection<Guid> caseIds, string toMember, string reason, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        if (caseIds.Count == 0)
        {
            return "Reassign.Error.NoCases";
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000)
        {
            return "Reassign.Error.Reason";
        }

        var members = await workflow.CommitteeWorkloadAsync(cancellationToken);
        if (!members.Any(m => m.UserId == toMember))
        {
            return "Reassign.Error.Member";
        }

        var instances = await db.WorkflowInstances.Where(i => caseIds.Contains(i.Id) && CaseWorkflow.CommitteeStates.Contains(i.State)).ToListAsync(cancellationToken);
        if (instances.Count != caseIds.Count)
        {
            return "Reassign.Error.NotWithCommittee";
        }

        foreach (var instance in instances.Where(i => i.AssigneeId != toMember))
        {
            await AssignAsync(instance, toMember, reason.Trim(), by, members, cancellationToken);
        }

        return await SaveAsync(cancellationToken);
    }

    /// <summary>Every open committee case of <paramref name="member"/> to the others, fewest open cases first.</summary>
    public async Task<(int Moved, string? ErrorKey)> ReleaseAsync(string member, string reason, string by, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000)
        {
            return (0, "Reassign.Error.Reason");
        }

        var members = await workflow.CommitteeWorkloadAsync(cancellationToken);
        var load = members.Where(m => m.UserId != member).ToDictionary(m => m.UserId, m => m.OpenCases);
        if (load.Count == 0)
        {
            return (0, "Reassign.Error.NoOtherMember");
        }

        var instances = await db.WorkflowInstances.Where(i => i.AssigneeId == member && CaseWorkflow.CommitteeStates.Contains(i.State)).OrderBy(i => i.StateEnteredAt).ToListAsync(cancellationToken);
        foreach (var instance in instances)
        {
            var target = load.OrderBy(l => l.Value).ThenBy(l => l.Key, StringComparer.Ordinal).First().Key;
            load[target]++;
            await AssignAsync(instance, target, reason.Trim(), by, members, cancellationToken);
        }

        return (instances.Count, await SaveAsync(cancellationToken));
    }

    private async Task AssignAsync(Workflow.Engine.WorkflowInstance instance, string target, string reason, string by, IReadOnlyList<(string UserId, string Name, int OpenCases)> members, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var from = members.FirstOrDefault(m => m.UserId == instance.AssigneeId).Name ?? "–";
        var to = members.First(m => m.UserId == target).Name;
        instance.AssigneeId = target; // the version stays: a step taken meanwhile makes the save fail (concurrency token)
        db.Set<CaseEvent>().Add(CaseEvent.Of(instance.Id, now, by, "reassigned", $"{from} → {to}: {reason}"));
        var reference = await db.Reports.Where(r => r.Id == instance.Id).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
        var person = await db.Users.Where(u => u.Id == target).Select(u => new { u.Email, u.Language, u.NotifyAssigned }).SingleAsync(cancellationToken);
        if (person is { Email: { } email, NotifyAssigned: true })
        {
            var rendered = templates.Render("case_assigned", person.Language, new Dictionary<string, string> { ["reference"] = reference });
            EmailOutbox.Enqueue(db, clock, $"assigned:{instance.Id}:{target}:{now.UtcTicks}", new OutgoingEmail(email, rendered.Subject, rendered.Text, rendered.Html)
            {
                Template = "case_assigned",
                Priority = OutboxPriority.Staff,
                CaseId = instance.Id,
            });
        }
    }

    private async Task<string?> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return "Reassign.Error.Changed";
        }
    }
}
