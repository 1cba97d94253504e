using Hangfire;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Bookings;

/// <summary>
/// Every morning (Hangfire, queue "default"): a reminder of a booked conversation the day before it, by email (a
/// letter would arrive too late: someone without email has the time in the confirmation letter). Once per booking —
/// a moved booking is reminded again; a day the job did not run is caught up while the conversation is still ahead.
/// Scoped.
/// </summary>
public sealed partial class ConversationReminders(AppDbContext db, ReporterMessages messages, SlotBooking booking, TimeProvider clock, ILogger<ConversationReminders> logger)
{
    [AutomaticRetry(Attempts = 0)]
    [Queue("default")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var untilEndOfTomorrow = AmsterdamTime.StartOfDayUtc(AmsterdamTime.Today(clock).AddDays(2));
        var due = await db.ConversationSlots
            .Where(s => s.CaseId != null && s.ReminderSentAt == null && s.StartsAt > now && s.StartsAt < untilEndOfTomorrow)
            .OrderBy(s => s.StartsAt).ToListAsync(cancellationToken);
        var caseIds = due.Select(s => s.CaseId!.Value).ToList();
        var reports = await db.Reports.AsNoTracking().Where(r => caseIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var sent = 0;
        foreach (var slot in due)
        {
            var report = reports[slot.CaseId!.Value];
            if (messages.Queue(report, SlotBooking.ReminderTemplate, $"slot:{slot.Id}:{slot.BookedAt!.Value.Ticks}:{SlotBooking.ReminderTemplate}", booking.Values(slot, report.Language)))
            {
                sent++;
            }

            slot.ReminderSentAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogReminded(sent, due.Count);
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation reminders: {Sent} sent for {Due} conversations tomorrow")]
    private partial void LogReminded(int sent, int due);
}
