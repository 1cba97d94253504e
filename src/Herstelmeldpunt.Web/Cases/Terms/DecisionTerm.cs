using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Terms;

/// <summary>Configuration section "DecisionTerm" (docs/workflow.md, "The decision term").</summary>
public sealed class DecisionTermOptions
{
    public const string Section = "DecisionTerm";

    /// <summary>The term for the decision after receipt, in working days (Awb 4:13; 40 ≈ eight weeks).</summary>
    public int WorkingDays { get; set; } = 40;

    /// <summary>The longest single extension (Awb 4:14), in working days.</summary>
    public int MaxExtensionWorkingDays { get; set; } = 40;

    /// <summary>The assigned member is told when the deadline is this many working days away or fewer.</summary>
    public int WarnWorkingDaysBefore { get; set; } = 5;
}

/// <summary>
/// A case's decision deadline, as the Zaken API would call it: <see cref="DueOn"/> is
/// uiterlijkeEinddatumAfdoening, the suspension (opschorting) and the extension (verlenging) are kept
/// with their reason. One row per case, kept current so lists and figures can read it directly.
/// </summary>
public sealed class CaseDeadline
{
    public Guid CaseId { get; set; }

    /// <summary>The day of receipt (Amsterdam).</summary>
    public DateOnly ReceivedOn { get; set; }

    public int TermWorkingDays { get; set; }

    /// <summary>Working days the term stood still while the person was asked for information, so far.</summary>
    public int SuspendedWorkingDays { get; set; }

    /// <summary>Set while suspended: the day the question was asked.</summary>
    public DateOnly? SuspendedSince { get; set; }

    /// <summary>Set while suspended: the answer was asked for by this day; later days do not suspend (Awb 4:15).</summary>
    public DateOnly? SuspendedUntil { get; set; }

    public int ExtendedWorkingDays { get; set; }

    public string? ExtensionReason { get; set; }

    /// <summary>UTC.</summary>
    public DateTime? ExtendedAt { get; set; }

    public string? ExtendedBy { get; set; }

    /// <summary>The deadline now (while suspended: the deadline when the term resumes today).</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>The day the decision (or the closing outside the target group) was taken.</summary>
    public DateOnly? DecidedOn { get; set; }

    public bool IsSuspended => SuspendedSince is not null;
}

/// <summary>
/// The rules of the decision term (Awb 4:13–4:15): received + the configured working days; asking for
/// information with a term suspends it from the day after the question until the answer, but not past
/// the term given; one extension with a reason, up to a cap. Holidays from the working-day calendar.
/// </summary>
public sealed class DecisionTerm(WorkingDayCalendar calendar, DecisionTermOptions options)
{
    /// <summary>Transitions and states the term listens to (named once, here).</summary>
    public const string AskTransition = CaseVocabulary.Transitions.RequestInformation;
    public const string AnswerTransition = CaseVocabulary.Transitions.InformationReceived;
    public const string AnswerByField = CaseVocabulary.Fields.AnswerBy;
    public static readonly IReadOnlySet<string> DecidedStates = new HashSet<string> { CaseVocabulary.States.DecisionFinal, CaseVocabulary.States.ClosedOutsideTargetGroup };

    public DecisionTermOptions Options => options;

    public CaseDeadline Start(Guid caseId, DateTime receivedUtc)
    {
        var received = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(receivedUtc, DateTimeKind.Utc), AmsterdamTime.Zone));
        var deadline = new CaseDeadline { CaseId = caseId, ReceivedOn = received, TermWorkingDays = options.WorkingDays };
        deadline.DueOn = Due(deadline, received);
        return deadline;
    }

    /// <summary>The deadline on <paramref name="today"/>: while suspended, the days suspended so far count too.</summary>
    public DateOnly Due(CaseDeadline deadline, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var suspended = deadline.SuspendedWorkingDays + (deadline.SuspendedSince is { } since ? SuspendedDays(since, deadline.SuspendedUntil, today) : 0);
        return calendar.AddWorkingDays(deadline.ReceivedOn, deadline.TermWorkingDays + suspended + deadline.ExtendedWorkingDays);
    }

    /// <summary>Working days after the day of the question up to and including the day of the answer, not past the term given.</summary>
    public int SuspendedDays(DateOnly since, DateOnly? until, DateOnly answered)
    {
        var end = until is { } u && u < answered ? u : answered;
        var days = 0;
        for (var day = since.AddDays(1); day <= end; day = day.AddDays(1))
        {
            days += calendar.IsWorkingDay(day) ? 1 : 0;
        }

        return days;
    }

    /// <summary>
    /// Keeps the case's deadline in step with a transition (called inside the transition's unit of
    /// work). Returns a field problem when the question has no valid term.
    /// </summary>
    public async Task<FieldProblem?> OnTransitionAsync(AppDbContext db, Applied applied, IReadOnlyDictionary<string, string?> data, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(data);
        var journal = applied.Journal;
        var deadline = await db.Set<CaseDeadline>().FirstOrDefaultAsync(d => d.CaseId == journal.InstanceId, cancellationToken);
        if (deadline is null)
        {
            return null; // a case from before the term was kept (see the migration)
        }

        if (journal.Transition == AskTransition && data.TryGetValue(AnswerByField, out var answerBy) && answerBy is not null)
        {
            if (!DateOnly.TryParseExact(answerBy, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var by) || by <= today)
            {
                return new FieldProblem(AnswerByField, "Workflow.Field.AnswerByFuture");
            }

            deadline.SuspendedSince = today;
            deadline.SuspendedUntil = by;
        }
        else if (deadline.SuspendedSince is { } since && journal.FromState == CaseVocabulary.States.AwaitingInformation)
        {
            // Answered (or the case left the question another way): the days it stood still are kept.
            deadline.SuspendedWorkingDays += SuspendedDays(since, deadline.SuspendedUntil, today);
            deadline.SuspendedSince = null;
            deadline.SuspendedUntil = null;
        }

        if (DecidedStates.Contains(journal.ToState) && deadline.DecidedOn is null)
        {
            deadline.DecidedOn = today;
            await Promises.PromiseLedger.KeepAsync(db, journal.InstanceId, [Promises.PromiseKind.ExpectedDecision, Promises.PromiseKind.DecisionTerm], new DateTimeOffset(journal.At, TimeSpan.Zero), cancellationToken);
        }

        deadline.DueOn = Due(deadline, today);
        return null;
    }

    /// <summary>The one extension: working days within the cap and a reason. Returns an error key, or null when applied.</summary>
    public string? Extend(CaseDeadline deadline, int workingDays, string? reason, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        if (deadline.ExtendedWorkingDays > 0)
        {
            return "Term.Error.AlreadyExtended";
        }

        if (deadline.DecidedOn is not null)
        {
            return "Term.Error.Decided";
        }

        if (workingDays < 1 || workingDays > options.MaxExtensionWorkingDays)
        {
            return "Term.Error.Days";
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000)
        {
            return "Term.Error.Reason";
        }

        deadline.ExtendedWorkingDays = workingDays;
        deadline.ExtensionReason = reason.Trim();
        deadline.ExtendedAt = now.UtcDateTime;
        deadline.ExtendedBy = by;
        deadline.DueOn = Due(deadline, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, AmsterdamTime.Zone).DateTime));
        return null;
    }
}
