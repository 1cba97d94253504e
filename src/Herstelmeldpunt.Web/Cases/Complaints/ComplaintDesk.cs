using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Complaints;

/// <summary>
/// The complaint's steps (Awb chapter 9), in the caller's unit of work: filed (from Mijn melding, the public page or a
/// call) and acknowledged with the date it will be decided by; taken by a complaints officer who had no part in the
/// case (9:7: anyone who took a step on it or had it assigned is refused); heard unless waived (9:10); extended once by
/// four weeks with a message (9:11); decided with findings the person reads, naming the National Ombudsman (9:12).
/// Each is a case event. Scoped.
/// </summary>
public sealed class ComplaintDesk(AppDbContext db, ReporterMessages messages, JsonStringLocalizer texts, TimeProvider clock)
{
    public const string ReceivedTemplate = "complaint_received";

    public const string ExtendedTemplate = "complaint_extended";

    public const string DecidedTemplate = "complaint_decided";

    public const int TextMaxLength = Workflow.Engine.WorkflowEngine.LongTextMax;

    public Complaint File(Report report, ComplaintSubject subject, string text, bool wantsHearing, ComplaintChannel channel, string filedBy)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = clock.GetUtcNow();
        var today = AmsterdamTime.Today(clock);
        var complaint = new Complaint
        {
            Id = Guid.CreateVersion7(now),
            CaseId = report.Id,
            Subject = subject,
            Text = text,
            Channel = channel,
            FiledBy = filedBy,
            ReceivedAt = now.UtcDateTime,
            ReceivedOn = today,
            DueOn = today.AddDays(Complaint.TermDays),
            HearingWaived = !wantsHearing,
        };
        db.Complaints.Add(complaint);
        Journal(report.Id, "complaint_received", filedBy, $"Complaint.Subject.{subject}");
        messages.Queue(report, ReceivedTemplate, $"complaint:{complaint.Id}:received", DueValues(complaint, report.Language), promised: new Promises.Promised(complaint.DueOn));
        return complaint;
    }

    /// <summary>The members of staff who had a part in the case: anyone who took one of its steps, or has it assigned.</summary>
    public async Task<IReadOnlySet<string>> InvolvedAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var actors = await db.WorkflowJournal.Where(j => j.InstanceId == caseId && j.ActorId != null).Select(j => j.ActorId!).Distinct().ToListAsync(cancellationToken);
        var assignee = await db.WorkflowInstances.Where(i => i.Id == caseId).Select(i => i.AssigneeId).FirstOrDefaultAsync(cancellationToken);
        return new HashSet<string>(assignee is null ? actors : [.. actors, assignee], StringComparer.Ordinal);
    }

    /// <summary>The officer takes the complaint; an error key when they were involved in the case (9:7) or it is someone else's.</summary>
    public async Task<string?> TakeAsync(Complaint complaint, string officerId, string officerName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        if ((await InvolvedAsync(complaint.CaseId, cancellationToken)).Contains(officerId))
        {
            return "Complaints.Error.Involved";
        }

        if (complaint.OfficerId is not null && complaint.OfficerId != officerId)
        {
            return "Complaints.Error.Taken";
        }

        (complaint.OfficerId, complaint.OfficerName) = (officerId, officerName);
        Journal(complaint.CaseId, "complaint_taken", officerName, string.Empty);
        return null;
    }

    public string? RecordHearing(Complaint complaint, DateOnly heldOn, string report, string officerName)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        if (heldOn < complaint.ReceivedOn || heldOn > AmsterdamTime.Today(clock))
        {
            return "Complaints.Error.HeldOnRange";
        }

        (complaint.HearingHeldOn, complaint.HearingReport) = (heldOn, report);
        Journal(complaint.CaseId, "complaint_heard", officerName, string.Empty);
        return null;
    }

    /// <summary>Once, by four weeks, with the reason; the person is told the new date (9:11).</summary>
    public string? Extend(Complaint complaint, Report report, string reason, string officerName)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(report);
        if (complaint.Extended)
        {
            return "Complaints.Error.AlreadyExtended";
        }

        (complaint.Extended, complaint.ExtensionReason, complaint.DueOn) = (true, reason, complaint.DueOn.AddDays(Complaint.ExtensionDays));
        Journal(complaint.CaseId, "complaint_extended", officerName, string.Empty);
        var values = DueValues(complaint, report.Language);
        values["reason"] = reason;
        messages.Queue(report, ExtendedTemplate, $"complaint:{complaint.Id}:extended", values, promised: new Promises.Promised(complaint.DueOn, complaint.OfficerId));
        return null;
    }

    /// <summary>The decision; refused while the person has been neither heard nor waived it (9:10).</summary>
    public async Task<string?> DecideAsync(Complaint complaint, Report report, ComplaintOutcome outcome, string findings, string officerName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(report);
        if (!complaint.HearingWaived && complaint.HearingHeldOn is null)
        {
            return "Complaints.Error.NotHeard";
        }

        (complaint.Outcome, complaint.Decision, complaint.DecidedAt) = (outcome, findings, clock.GetUtcNow().UtcDateTime);
        Journal(complaint.CaseId, "complaint_decided", officerName, $"Complaint.Outcome.{outcome}");
        messages.Queue(report, DecidedTemplate, $"complaint:{complaint.Id}:decided", new Dictionary<string, string>
        {
            ["decision"] = texts.In(report.Language, $"Complaint.Outcome.{outcome}.Letter") + "\n\n" + findings,
        });
        await Promises.PromiseLedger.KeepAsync(db, complaint.CaseId, [Promises.PromiseKind.ComplaintDecision], clock.GetUtcNow(), cancellationToken);
        return null;
    }

    /// <summary>The register of a year (Awb 9:12a): complaints received that year, by subject and outcome (null: still open).</summary>
    public async Task<IReadOnlyList<(ComplaintSubject Subject, ComplaintOutcome? Outcome, int Count)>> RegisterAsync(int year, CancellationToken cancellationToken)
    {
        var (from, until) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
        var rows = await db.Complaints.Where(c => c.ReceivedOn >= from && c.ReceivedOn < until)
            .GroupBy(c => new { c.Subject, c.Outcome }).Select(g => new { g.Key.Subject, g.Key.Outcome, Count = g.Count() }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Subject, r.Outcome, r.Count)).OrderBy(r => r.Subject).ThenBy(r => r.Outcome ?? 0)];
    }

    private static Dictionary<string, string> DueValues(Complaint complaint, string language) => new()
    {
        ["legal_due"] = complaint.DueOn.ToString("d MMMM yyyy", language == "en" ? Cultures.English : Cultures.Dutch),
    };

    private void Journal(Guid caseId, string kind, string actor, string details) =>
        db.CaseEvents.Add(CaseEvent.Of(caseId, clock.GetUtcNow(), actor, kind, details));
}
