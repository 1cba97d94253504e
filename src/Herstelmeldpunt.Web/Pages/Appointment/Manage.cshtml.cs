using Herstelmeldpunt.Web.Cases.Bookings;
using Herstelmeldpunt.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.Appointment;

/// <summary>
/// The link in the booking's confirmation (no sign-in): see the appointment, move it to another free time or cancel
/// it. The link works once: moving sends a new confirmation with a new link, cancelling ends it; opening it changes
/// nothing (mail scanners open links). A used or unknown link says so and where to go instead. Never personal data on
/// the page: the reference, the time and how.
/// </summary>
public sealed class ManageModel(AppDbContext db, SlotBooking booking) : PageModel
{
    public const string Actor = "Melder (afspraaklink)";

    public ConversationSlot? Slot { get; private set; }

    public string ReferenceNumber { get; private set; } = string.Empty;

    public IReadOnlyList<ConversationSlot> Free { get; private set; } = [];

    [BindProperty]
    public Guid? SlotId { get; set; }

    public string? ErrorKey { get; private set; }

    /// <summary>What was done with the link just now ("Moved", "Cancelled"); the link no longer works after it.</summary>
    public BookingResult? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        await LoadAsync(token, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostBookAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken))
        {
            return Page();
        }

        if (SlotId is not { } slotId)
        {
            ErrorKey = "Appointment.Error.Choose";
            return Page();
        }

        var result = await booking.BookAsync(Slot!.CaseId!.Value, slotId, Actor, cancellationToken);
        if (result is BookingResult.Moved or BookingResult.Booked)
        {
            Done = BookingResult.Moved;
            return Page();
        }

        ErrorKey = result == BookingResult.NotOpen ? "Appointment.Error.NotOpen" : "Appointment.Error.Taken";
        await LoadAsync(token, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string token, CancellationToken cancellationToken)
    {
        if (await LoadAsync(token, cancellationToken))
        {
            await booking.CancelAsync(Slot!.CaseId!.Value, Slot.Purpose, Actor, cancellationToken);
            Done = BookingResult.Cancelled;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        Slot = await booking.ByTokenAsync(token, cancellationToken);
        if (Slot is null)
        {
            return false;
        }

        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == Slot.CaseId, cancellationToken);
        ReferenceNumber = report.ReferenceNumber;
        var state = await db.WorkflowInstances.Where(i => i.Id == report.Id).Select(i => i.State).SingleAsync(cancellationToken);
        Free = await booking.OpenPurposeAsync(report.Id, state, cancellationToken) == Slot.Purpose ? await booking.FreeAsync(report, Slot.Purpose, cancellationToken) : [];
        return true;
    }
}
