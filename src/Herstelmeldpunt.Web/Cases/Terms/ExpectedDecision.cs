using Herstelmeldpunt.Web.Common;

namespace Herstelmeldpunt.Web.Cases.Terms;

/// <summary>How the expected decision stands against the legal term.</summary>
public enum DecisionOutlook
{
    /// <summary>The whole range lies on or before the legal term (or there is no term to compare with).</summary>
    WithinTerm,

    /// <summary>Throughput says the decision may come after the term, but not certainly: the range ends on the term, and the page says that the term is the latest date.</summary>
    CappedAtTerm,

    /// <summary>Even the earliest expected date is after the term: we say honestly that we expect to be late, apologise and say what right that gives.</summary>
    ExpectLate,
}

/// <summary>The decision range as we tell it to the person: on working days, and reconciled with the legal term.</summary>
public sealed record ExpectedDecision(DateRange Range, DecisionOutlook Outlook, DateOnly? LegalDue)
{
    /// <summary>
    /// The one rule for every date range we show or send about the decision (Mijn melding, the estimate mails):
    /// both ends move forward to a working day (nobody decides on a Sunday); a range that reaches past the legal
    /// term is capped at it, because the term is a promise the law makes for us; when even its first day is past
    /// the term, the range stays as it is and the outlook says we expect to be late. Thread-safe.
    /// </summary>
    public static ExpectedDecision Reconcile(DateRange estimate, DateOnly? legalDue, WorkingDayCalendar calendar)
    {
        var range = OnWorkingDays(estimate, calendar);
        if (legalDue is not { } due || range.To <= due)
        {
            return new ExpectedDecision(range, DecisionOutlook.WithinTerm, legalDue);
        }

        return range.From <= due
            ? new ExpectedDecision(range with { To = due }, DecisionOutlook.CappedAtTerm, due)
            : new ExpectedDecision(range, DecisionOutlook.ExpectLate, due);
    }

    /// <summary>Both ends on working days, without a term (the next step's range).</summary>
    public static DateRange OnWorkingDays(DateRange range, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(calendar);
        var from = calendar.AddWorkingDays(range.From, 0);
        return new DateRange(from, calendar.AddWorkingDays(range.To < from ? from : range.To, 0));
    }
}
