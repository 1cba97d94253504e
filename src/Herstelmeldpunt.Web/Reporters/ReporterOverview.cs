using System.Security.Claims;
using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Cases.Views;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Documents;
using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// What Mijn melding shows the signed-in person about their one report: where it is, what they may do now (asked of the
/// workflow: their role, the state and the guards), the questions and messages, documents and letters, the decision
/// once final and every date (<see cref="ReporterDates"/>). Never the BSN, health details, internal notes or draft advice.
/// </summary>
public sealed class ReporterOverview(AppDbContext db, CaseWorkflow workflow, ProgressEstimator estimator, WorkingDayCalendar calendar, DocumentStore documents, Cases.Bookings.SlotBooking booking, TimeProvider clock)
{
    public sealed record View(
        Report Report,
        WorkflowInstance Instance,
        bool IsRepresentative,
        ReporterDates When,
        string? OpenQuestion,
        bool CanAnswer,
        bool CanWithdraw,
        bool CanAnswerSurvey,
        IReadOnlyList<Exchange> Conversation,
        IReadOnlyList<ReporterMessages.Sent> Messages,
        Advice? Decision,
        string? DecidedInstead,
        (string? Explanation, string? Referral)? OutsideTargetGroup,
        IReadOnlyList<CaseDocument> Documents,
        IReadOnlyList<LetterSummary> Letters,
        DecisionView? ViewRound = null,
        Cases.Bookings.ConversationSlot? Appointment = null,
        Cases.Bookings.ConversationPurpose? Bookable = null,
        IReadOnlyList<Cases.Promises.Promise>? Promises = null)
    {
        /// <summary>The case waits for a conversation the person can book (and has not booked yet).</summary>
        public bool CanBook => Appointment is null && Bookable is not null;

        /// <summary>Who uploads here, as the document list names them.</summary>
        public string Party => IsRepresentative ? "Representative" : "Reporter";
    }

    /// <summary>The view of the report the session is for; null when the session names no report that exists.</summary>
    public async Task<View?> ReadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (ReporterAccess.ReportIdOf(user) is not { } id
            || await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } report
            || await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } instance)
        {
            return null;
        }

        var options = await workflow.OptionsAsync(instance, ReporterAccess.ActorOf(user), cancellationToken);
        bool ReporterMay(string transition) => options.Any(o => o.Transition.Name == transition && !o.Blocked);

        var conversation = await ReporterConversation.ReadAsync(db, instance, cancellationToken);
        var decision = CaseVocabulary.States.DecisionFinalOrAfter.Contains(instance.State)
            ? await db.Advices.AsNoTracking().Include(a => a.Measures).FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            : null;

        // When the directorate did not follow the advice, the decision is what it decided instead.
        var decidedInstead = decision is not null && await DecisionProposal.LatestAsync(db, id, cancellationToken) is { AdoptsAdvice: false } proposal
            ? proposal.DecidedInstead
            : null;

        return new View(
            report,
            instance,
            ReporterAccess.IsRepresentative(user),
            await ReporterDates.ForAsync(db, estimator, calendar, instance, report.Urgency, decision is not null, cancellationToken),
            conversation.OpenQuestion,
            instance.State == CaseVocabulary.States.AwaitingInformation && ReporterMay(CaseVocabulary.Transitions.InformationReceived),
            ReporterMay(CaseVocabulary.Transitions.Withdraw),
            ReporterMay(CaseVocabulary.Transitions.SurveySatisfied),
            conversation.Exchanges,
            await ReporterMessages.SentForAsync(db, id, cancellationToken),
            decision,
            decidedInstead,
            conversation.OutsideTargetGroup,
            await documents.ListAsync(id, cancellationToken),
            await LetterList.ForCaseAsync(db, id, cancellationToken),
            await db.DecisionViews.AsNoTracking().LatestOf(id).FirstOrDefaultAsync(cancellationToken),
            await booking.NextAsync(id, clock.GetUtcNow().UtcDateTime.AddHours(-1), cancellationToken), // still shown during the conversation
            await booking.OpenPurposeAsync(id, instance.State, cancellationToken),
            await Cases.Promises.PromiseLedger.OfCaseAsync(db, id, cancellationToken));
    }
}
