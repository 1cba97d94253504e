using Herstelmeldpunt.Web.Cases.Bookings;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>
/// Choose when to talk (issue 29 item 2): the free times staff published for the conversation the case waits for, the
/// booking once made (when, how, the calendar file), and moving or cancelling it. Booking is <see cref="SlotBooking"/>:
/// a time someone else took first is refused with a message, the list shown again.
/// </summary>
public sealed class AppointmentModel(AppDbContext db, SlotBooking booking, Localization.JsonStringLocalizer texts, TimeProvider clock) : PageModel
{
    public string ReferenceNumber { get; private set; } = string.Empty;

    /// <summary>The booked conversation still ahead, if any.</summary>
    public ConversationSlot? Held { get; private set; }

    /// <summary>The kind of conversation the case can book now; null when it waits for none.</summary>
    public ConversationPurpose? Open { get; private set; }

    public IReadOnlyList<ConversationSlot> Free { get; private set; } = [];

    [BindProperty]
    public Guid? SlotId { get; set; }

    public string? ErrorKey { get; private set; }

    public string? NoticeKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? melding, CancellationToken cancellationToken)
    {
        NoticeKey = melding switch { "gemaakt" => "Appointment.Notice.Booked", "verzet" => "Appointment.Notice.Moved", "geannuleerd" => "Appointment.Notice.Cancelled", "bellen" => "Appointment.Notice.CallRequested", _ => null };
        return await LoadAsync(cancellationToken) ? Page() : Redirect("/mijn-melding");
    }

    /// <summary>The calendar file of the booked conversation.</summary>
    public async Task<IActionResult> OnGetCalendarAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Held is null)
        {
            return Redirect("/mijn-melding/afspraak");
        }

        var language = await db.Reports.Where(r => r.Id == Held.CaseId).Select(r => r.Language).SingleAsync(cancellationToken);
        return File(System.Text.Encoding.UTF8.GetBytes(CalendarFile.For(Held, language, texts)), CalendarFile.ContentType, CalendarFile.FileName);
    }

    public async Task<IActionResult> OnPostBookAsync(CancellationToken cancellationToken)
    {
        if (ReporterAccess.ReportIdOf(User) is not { } id)
        {
            return Redirect("/mijn-melding");
        }

        var result = SlotId is { } slot ? await booking.BookAsync(id, slot, ReporterAccess.ActorOf(User).Name, cancellationToken) : (BookingResult?)null;
        if (result is BookingResult.Booked or BookingResult.Moved)
        {
            return Redirect("/mijn-melding/afspraak?melding=" + (result == BookingResult.Moved ? "verzet" : "gemaakt"));
        }

        ErrorKey = result switch { null => "Appointment.Error.Choose", BookingResult.NotOpen => "Appointment.Error.NotOpen", _ => "Appointment.Error.Taken" };
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Redirect("/mijn-melding");
        }

        if (Held is not null)
        {
            await booking.CancelAsync(Held.CaseId!.Value, Held.Purpose, ReporterAccess.ActorOf(User).Name, cancellationToken);
        }

        return Redirect("/mijn-melding/afspraak?melding=geannuleerd");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (ReporterAccess.ReportIdOf(User) is not { } id
            || await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } report)
        {
            return false;
        }

        ReferenceNumber = report.ReferenceNumber;
        Held = await booking.NextAsync(id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var state = await db.WorkflowInstances.Where(i => i.Id == id).Select(i => i.State).SingleAsync(cancellationToken);
        Open = await booking.OpenPurposeAsync(id, state, cancellationToken);
        Free = Open is { } purpose ? await booking.FreeAsync(report, purpose, cancellationToken) : [];
        return true;
    }
}
