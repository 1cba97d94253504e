using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Retriage;

/// <summary>What got worse, as the person (or staff for them) ticked it.</summary>
[Flags]
public enum WorseAreas
{
    None = 0,
    Money = 1,
    Housing = 2,
    Health = 4,
    Safety = 8,
}

/// <summary>
/// "My situation has got worse" (table <c>SituationReports</c>): a re-triage task for intake, due within one working
/// day. A second report while one is open joins it (areas added, text appended). Handled by raising the urgency or
/// keeping it with a reason the person reads; either way the person is told.
/// </summary>
public sealed class SituationReport
{
    /// <summary>Reports per case per day, joins included; more is refused with a message (the phone numbers stay on the page).</summary>
    public const int MaxPerDay = 5;

    /// <summary>The areas a person can tick, in the order the forms show them.</summary>
    public static readonly IReadOnlyList<WorseAreas> Choices = [WorseAreas.Money, WorseAreas.Housing, WorseAreas.Health, WorseAreas.Safety];

    /// <summary>The ticked areas together; anything posted that is not a choice counts for nothing.</summary>
    public static WorseAreas Combine(IEnumerable<WorseAreas> ticked) =>
        ticked.Where(Choices.Contains).Aggregate(WorseAreas.None, (all, a) => all | a);

    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>UTC, the first report.</summary>
    public DateTime ReportedAt { get; set; }

    /// <summary>UTC, the last report that joined it.</summary>
    public DateTime LastReportedAt { get; set; }

    public int Times { get; set; } = 1;

    public WorseAreas Areas { get; set; }

    /// <summary>What the person wrote (encrypted); joins are appended.</summary>
    public string? Text { get; set; }

    /// <summary>"Reporter", "Representative" or the name of the member of staff who took the call.</summary>
    public string ReportedBy { get; set; } = string.Empty;

    /// <summary>The working day by which intake looks at it again.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>UTC; null while open.</summary>
    public DateTime? HandledAt { get; set; }

    public string? HandledById { get; set; }

    public UrgencyLevel? UrgencyBefore { get; set; }

    public UrgencyLevel? UrgencyAfter { get; set; }

    /// <summary>Why the urgency stays as it is, written for the person (encrypted).</summary>
    public string? KeptReason { get; set; }

    /// <summary>Records a report: joins the open one of the case, or opens one due the next working day. Null when the day's limit is reached.</summary>
    public static async Task<SituationReport?> RecordAsync(AppDbContext db, WorkingDayCalendar calendar, Guid caseId, WorseAreas areas, string? text, string reportedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(calendar);
        var dayAgo = now.UtcDateTime.AddDays(-1);
        var today = await db.SituationReports.Where(s => s.CaseId == caseId && s.LastReportedAt > dayAgo).SumAsync(s => (int?)s.Times, cancellationToken) ?? 0;
        if (today >= MaxPerDay)
        {
            return null;
        }

        var open = await db.SituationReports.FirstOrDefaultAsync(s => s.CaseId == caseId && s.HandledAt == null, cancellationToken);
        if (open is not null)
        {
            open.Areas |= areas;
            open.Text = string.IsNullOrEmpty(text) ? open.Text : string.IsNullOrEmpty(open.Text) ? text : open.Text + "\n\n" + text;
            open.Times++;
            open.LastReportedAt = now.UtcDateTime;
            return open;
        }

        var report = new SituationReport
        {
            Id = Guid.CreateVersion7(now),
            CaseId = caseId,
            ReportedAt = now.UtcDateTime,
            LastReportedAt = now.UtcDateTime,
            Areas = areas,
            Text = string.IsNullOrEmpty(text) ? null : text,
            ReportedBy = reportedBy,
            DueOn = calendar.AddWorkingDays(AmsterdamTime.DateOf(now.UtcDateTime), 1),
        };
        db.SituationReports.Add(report);
        return report;
    }
}
