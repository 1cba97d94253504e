using Herstelmeldpunt.Web.Cases.Objections;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Bookings;

/// <summary>What came of a request to book, move or cancel.</summary>
public enum BookingResult
{
    Booked,
    Moved,
    Cancelled,

    /// <summary>Someone else took the slot first, it was removed, or it is no longer bookable.</summary>
    Taken,

    /// <summary>The case cannot book a conversation of this kind now (it is not waiting for one).</summary>
    NotOpen,

    /// <summary>There was nothing to cancel.</summary>
    NothingHeld,
}

/// <summary>
/// Booking a conversation (issue 29 item 2): the person (on Mijn melding, or by the link of their booking) picks a free
/// slot, moves it or cancels it. Taking a slot is one conditional update (<c>… WHERE CaseId IS NULL</c>) in a
/// transaction that first frees the upcoming slot the case held, under a lock on the case (PostgreSQL: the case's row
/// FOR UPDATE; SQLite: its transactions are immediate, so writers take turns): two people never hold the same slot, and
/// a case never holds two upcoming slots of a kind. A booking in the past stays as the record of that day. Each booking is journaled as a case event and confirmed by the person's channel, with a
/// calendar file and a single-use link to move or cancel it. Scoped.
/// </summary>
public sealed class SlotBooking(AppDbContext db, ReporterMessages messages, TimeProvider clock, JsonStringLocalizer texts, PublicUrls urls)
{
    public const string BookedTemplate = "conversation_booked";

    public const string CancelledTemplate = "conversation_cancelled";

    public const string ReminderTemplate = "conversation_reminder";

    /// <summary>How many free slots a person is offered at once (the earliest).</summary>
    public const int Offered = 30;

    /// <summary>
    /// The kind of conversation the case can book now, or null: the decision conversation after asking to talk about
    /// the proposal; the hearing while an objection is handled and the person has neither waived it nor been heard.
    /// </summary>
    public async Task<ConversationPurpose?> OpenPurposeAsync(Guid caseId, string state, CancellationToken cancellationToken) => state switch
    {
        CaseVocabulary.States.ViewCallRequested => ConversationPurpose.DecisionConversation,
        CaseVocabulary.States.Objection when await db.Objections.AsNoTracking().LatestOf(caseId).FirstOrDefaultAsync(cancellationToken) is { HearingOpen: true }
            => ConversationPurpose.Hearing,
        _ => null,
    };

    /// <summary>The first moment a slot can be booked from: the start of tomorrow (so the reminder of the day before can go).</summary>
    public DateTime BookableFrom() => AmsterdamTime.StartOfDayUtc(AmsterdamTime.Today(clock).AddDays(1));

    /// <summary>The earliest free slots of this kind; a conversation by phone only for someone we can call.</summary>
    public async Task<IReadOnlyList<ConversationSlot>> FreeAsync(Report report, ConversationPurpose purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var from = BookableFrom();
        var canCall = ContactRule.CanCall(report);
        return await db.ConversationSlots.AsNoTracking()
            .Where(s => s.Purpose == purpose && s.CaseId == null && s.StartsAt >= from && (canCall || s.Mode != SlotMode.Phone))
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Take(Offered).ToListAsync(cancellationToken);
    }

    /// <summary>The upcoming slot the case holds for this kind of conversation, if any.</summary>
    public Task<ConversationSlot?> HeldAsync(Guid caseId, ConversationPurpose purpose, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.ConversationSlots.AsNoTracking().FirstOrDefaultAsync(s => s.CaseId == caseId && s.Purpose == purpose && s.StartsAt > now, cancellationToken);
    }

    /// <summary>The case's next booked conversation of any kind that starts after <paramref name="since"/> (UTC).</summary>
    public Task<ConversationSlot?> NextAsync(Guid caseId, DateTime since, CancellationToken cancellationToken) =>
        db.ConversationSlots.AsNoTracking().Where(s => s.CaseId == caseId && s.StartsAt > since).OrderBy(s => s.StartsAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The booking a move-or-cancel link points to; null when the link was used, the booking moved, was cancelled or has passed.</summary>
    public Task<ConversationSlot?> ByTokenAsync(string token, CancellationToken cancellationToken)
    {
        var hash = ReporterAccess.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return db.ConversationSlots.AsNoTracking().FirstOrDefaultAsync(s => s.ManageTokenHash == hash && s.CaseId != null && s.StartsAt > now, cancellationToken);
    }

    /// <summary>Takes the slot for the case (moving its booking of this kind, if it had one). Saves.</summary>
    public async Task<BookingResult> BookAsync(Guid caseId, Guid slotId, string actorName, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == caseId, cancellationToken);
        var state = await db.WorkflowInstances.Where(i => i.Id == caseId).Select(i => i.State).SingleAsync(cancellationToken);
        if (await OpenPurposeAsync(caseId, state, cancellationToken) is not { } purpose)
        {
            return BookingResult.NotOpen;
        }

        var now = clock.GetUtcNow();
        var from = BookableFrom();
        var canCall = ContactRule.CanCall(report);
        var token = ReporterAccess.NewToken();
        var tokenHash = report.Email is null && report.RepresentativeEmail is null ? null : ReporterAccess.Hash(token);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            // One booking of a case at a time (a double click on two slots): the case's row is the lock; nothing in it changes.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"WorkflowInstances\" WHERE \"Id\" = {caseId} FOR UPDATE", cancellationToken);
        }

        var held = await HeldAsync(caseId, purpose, cancellationToken);
        if (held?.Id == slotId)
        {
            return BookingResult.Booked; // a second click on the same slot: it is already theirs
        }

        if (held is not null)
        {
            await Free(held.Id).ExecuteUpdateAsync(Freed, cancellationToken);
        }

        var taken = await db.ConversationSlots
            .Where(s => s.Id == slotId && s.CaseId == null && s.Purpose == purpose && s.StartsAt >= from && (canCall || s.Mode != SlotMode.Phone))
            .ExecuteUpdateAsync(
                s => s.SetProperty(x => x.CaseId, caseId).SetProperty(x => x.BookedAt, now.UtcDateTime)
                    .SetProperty(x => x.ManageTokenHash, tokenHash).SetProperty(x => x.ReminderSentAt, (DateTime?)null),
                cancellationToken);
        if (taken == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return BookingResult.Taken;
        }

        var slot = await db.ConversationSlots.AsNoTracking().SingleAsync(s => s.Id == slotId, cancellationToken);
        var moved = held is not null;
        Journal(caseId, moved ? "conversation_moved" : "conversation_booked", actorName, slot, now);
        var values = Values(slot, report.Language);
        values["manage_link"] = tokenHash is null ? "-" : $"{urls.Base()}/afspraak/{token}";
        messages.Queue(report, BookedTemplate, $"slot:{slot.Id}:{now.UtcTicks}:{BookedTemplate}", values, calendar: CalendarFile.For(slot, report.Language, texts),
            promised: new Promises.Promised(AmsterdamTime.DateOf(slot.StartsAt), slot.StaffUserId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved ? BookingResult.Moved : BookingResult.Booked;
    }

    /// <summary>Gives up the case's booking of this kind; the slot is free again. Saves.</summary>
    public async Task<BookingResult> CancelAsync(Guid caseId, ConversationPurpose purpose, string actorName, CancellationToken cancellationToken)
    {
        var slot = await HeldAsync(caseId, purpose, cancellationToken);
        if (slot is null || await Free(slot.Id).Where(s => s.CaseId == caseId).ExecuteUpdateAsync(Freed, cancellationToken) == 0)
        {
            return BookingResult.NothingHeld;
        }

        var now = clock.GetUtcNow();
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == caseId, cancellationToken);
        Journal(caseId, "conversation_cancelled", actorName, slot, now);
        messages.Queue(report, CancelledTemplate, $"slot:{slot.Id}:{now.UtcTicks}:{CancelledTemplate}", Values(slot, report.Language));
        await Promises.PromiseLedger.WithdrawAsync(db, caseId, Promises.PromiseKind.Conversation, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return BookingResult.Cancelled;
    }

    /// <summary>The placeholders of the messages about a booking: when, and how (by phone, video or at which office).</summary>
    public Dictionary<string, string> Values(ConversationSlot slot, string language)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var culture = language == "en" ? Cultures.English : Cultures.Dutch;
        return new Dictionary<string, string>
        {
            ["booked_at"] = AmsterdamTime.Spelled(slot.StartsAt, culture),
            ["booked_how"] = Describe(slot, language),
        };
    }

    /// <summary>How the conversation is held, in a sentence in the person's language.</summary>
    public string Describe(ConversationSlot slot, string language)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var how = texts.In(language, $"Booking.How.{slot.Mode}");
        return string.IsNullOrWhiteSpace(slot.Location) || slot.Mode == SlotMode.Phone ? how : $"{how} {slot.Location}";
    }

    private IQueryable<ConversationSlot> Free(Guid slotId) => db.ConversationSlots.Where(s => s.Id == slotId);

    private static void Freed(Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ConversationSlot> s) =>
        s.SetProperty(x => x.CaseId, (Guid?)null).SetProperty(x => x.BookedAt, (DateTime?)null)
            .SetProperty(x => x.ManageTokenHash, (string?)null).SetProperty(x => x.ReminderSentAt, (DateTime?)null);

    private void Journal(Guid caseId, string kind, string actorName, ConversationSlot slot, DateTimeOffset now) =>
        db.CaseEvents.Add(CaseEvent.Of(caseId, now, actorName, kind,
            $"Booking.Mode.{slot.Mode},Booking.Purpose.{slot.Purpose}," + TimeZoneInfo.ConvertTimeFromUtc(slot.StartsAt, AmsterdamTime.Zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
}
