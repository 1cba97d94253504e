using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Promises;

/// <summary>A message the person may ask to be called back about: an email or a letter, newest first.</summary>
public sealed record AskableMessage(Guid Id, string Subject, DateTime At, string Template);

/// <summary>
/// "Call me back about this message", in the caller's unit of work: the request with the norm of two working days and
/// the chosen part of the day, a promise in the ledger and a line in the case's timeline; done when customer contact
/// reached the person. Scoped.
/// </summary>
public sealed class CallbackDesk(AppDbContext db, PromiseLedger promises, WorkingDayCalendar calendar, TimeProvider clock)
{
    /// <summary>The norm: the person is called back within this many working days.</summary>
    public const int NormWorkingDays = 2;

    /// <summary>The template name of the promise a request makes (it is not a message).</summary>
    public const string PromiseTemplate = "callback";

    /// <summary>How many messages the page offers to choose from.</summary>
    public const int Offered = 12;

    /// <summary>The case's emails and letters, newest first (an email and the letter for the same event both show).</summary>
    public async Task<IReadOnlyList<AskableMessage>> MessagesAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var mails = await db.OutboxMessages.AsNoTracking().Where(m => m.CaseId == caseId && m.Template != null)
            .OrderByDescending(m => m.CreatedAt).Take(Offered).Select(m => new AskableMessage(m.Id, m.Subject, m.CreatedAt, m.Template!)).ToListAsync(cancellationToken);
        var letters = await db.CaseLetters.AsNoTracking().Where(l => l.CaseId == caseId)
            .OrderByDescending(l => l.CreatedAt).Take(Offered).Select(l => new AskableMessage(l.Id, l.Subject, l.CreatedAt, l.Template)).ToListAsync(cancellationToken);
        return [.. mails.Concat(letters).OrderByDescending(m => m.At).Take(Offered)];
    }

    /// <summary>The open request about this message (or about nothing in particular), if there is one.</summary>
    public Task<CallbackRequest?> OpenAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.CallbackRequests.AsNoTracking().Where(c => c.CaseId == caseId && c.DoneAt == null).OrderByDescending(c => c.RequestedAt).FirstOrDefaultAsync(cancellationToken);

    public CallbackRequest Request(Guid caseId, AskableMessage? about, ContactTime partOfDay, string phone, string actorName)
    {
        var now = clock.GetUtcNow();
        var due = calendar.AddWorkingDays(AmsterdamTime.Today(clock), NormWorkingDays);
        var promise = promises.Record(caseId, PromiseTemplate, new Promised(due, Kind: PromiseKind.CallBack))!;
        var request = new CallbackRequest
        {
            Id = Guid.CreateVersion7(now),
            CaseId = caseId,
            MessageId = about?.Id,
            Template = about?.Template,
            PartOfDay = partOfDay,
            Phone = phone,
            RequestedAt = now.UtcDateTime,
            DueOn = due,
            PromiseId = promise.Id,
        };
        db.CallbackRequests.Add(request);
        db.CaseEvents.Add(CaseEvent.Of(caseId, now, actorName, "callback_requested", $"Field.PreferredTime.{partOfDay}"));
        return request;
    }

    /// <summary>Customer contact called: reached (the request and its promise are done) or not (tried again later).</summary>
    public async Task CalledAsync(CallbackRequest request, bool reached, string staffId, string staffName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        request.Attempts++;
        db.CaseEvents.Add(CaseEvent.Of(request.CaseId, now, staffName, reached ? "callback_done" : "callback_not_reached"));
        if (!reached)
        {
            return;
        }

        request.DoneAt = now.UtcDateTime;
        request.DoneById = staffId;
        await PromiseLedger.KeepAsync(db, request.CaseId, [PromiseKind.CallBack], now, cancellationToken);
    }
}
