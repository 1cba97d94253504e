using System.Globalization;
using Herstelmeldpunt.Web.Cases.Bookings;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Appointments;

/// <summary>
/// A member of staff's conversations of a day (booked: with the case's reference; free: removable) and the form to
/// offer times: a day, a first start, how many in a row, how long, by phone, video or at an office (with its address),
/// for the decision conversation or the hearing. Offered times never overlap the member's own; a time someone booked is
/// not removed here (the person is told by the booking's own messages when they move it).
/// </summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxInARow = 16;

    public const int MinMinutes = 15;

    public const int MaxMinutes = 240;

    public sealed record DayRow(ConversationSlot Slot, string? ReferenceNumber);

    public DateOnly Day { get; private set; }

    public IReadOnlyList<DayRow> Rows { get; private set; } = [];

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? Start { get; set; }

    [BindProperty]
    public string? Count { get; set; } = "1";

    [BindProperty]
    public string? Minutes { get; set; } = "45";

    [BindProperty]
    public string? Mode { get; set; }

    [BindProperty]
    public string? Location { get; set; }

    [BindProperty]
    public string? Purpose { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? NoticeKey { get; private set; }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;

    public async Task OnGetAsync(string? dag, string? melding, CancellationToken cancellationToken)
    {
        NoticeKey = melding switch { "aangeboden" => "Appointments.Published", "verwijderd" => "Appointments.Removed", "geboekt" => "Appointments.Error.BookedMeanwhile", "gehouden" => "Appointments.HeldSaved", _ => null };
        Day = DateOnly.TryParseExact(dag, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : AmsterdamTime.Today(clock);
        Date ??= Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var today = AmsterdamTime.Today(clock);
        if (!DateOnly.TryParseExact(Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(new FieldError(nameof(Date), "Appointments.Error.Date"));
        }
        else if (day < today)
        {
            errors.Add(new FieldError(nameof(Date), "Appointments.Error.DatePast"));
        }

        if (!TimeOnly.TryParseExact(Start?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            errors.Add(new FieldError(nameof(Start), "Appointments.Error.Start"));
        }

        if (!int.TryParse(Count, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxInARow)
        {
            errors.Add(new FieldError(nameof(Count), "Appointments.Error.Count"));
        }

        if (!int.TryParse(Minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes is < MinMinutes or > MaxMinutes)
        {
            errors.Add(new FieldError(nameof(Minutes), "Appointments.Error.Minutes"));
        }

        if (!Enum.TryParse<SlotMode>(Mode, out var mode) || !Enum.IsDefined(mode))
        {
            errors.Add(new FieldError(nameof(Mode), "Appointments.Error.Mode"));
        }

        var location = Location?.Trim();
        if (mode == SlotMode.Office && string.IsNullOrEmpty(location))
        {
            errors.Add(new FieldError(nameof(Location), "Appointments.Error.Location"));
        }
        else if (location?.Length > 300)
        {
            errors.Add(new FieldError(nameof(Location), "Appointments.Error.LocationTooLong"));
        }

        if (!Enum.TryParse<ConversationPurpose>(Purpose, out var purpose) || !Enum.IsDefined(purpose))
        {
            errors.Add(new FieldError(nameof(Purpose), "Appointments.Error.Purpose"));
        }

        var me = StaffActor.From(User).UserId!;
        var now = clock.GetUtcNow();
        var slots = errors.Count > 0 ? [] : Enumerable.Range(0, count).Select(i => new ConversationSlot
        {
            Id = Guid.CreateVersion7(now),
            StaffUserId = me,
            StartsAt = WorkingDayCalendar.AtLocal(day, start).UtcDateTime.AddMinutes(i * minutes),
            Minutes = minutes,
            Mode = mode,
            Location = mode == SlotMode.Phone || string.IsNullOrEmpty(location) ? null : location,
            Purpose = purpose,
            CreatedAt = now.UtcDateTime,
        }).ToList();
        if (errors.Count == 0)
        {
            if (slots[^1].EndsAt > AmsterdamTime.StartOfDayUtc(day.AddDays(1)))
            {
                errors.Add(new FieldError(nameof(Count), "Appointments.Error.PastMidnight"));
            }
            else if (slots[0].StartsAt <= now.UtcDateTime)
            {
                errors.Add(new FieldError(nameof(Start), "Appointments.Error.StartPast"));
            }
            else
            {
                var (from, until) = (slots[0].StartsAt.AddMinutes(-MaxMinutes), slots[^1].EndsAt);
                var mine = await db.ConversationSlots.AsNoTracking().Where(s => s.StaffUserId == me && s.StartsAt > from && s.StartsAt < until).ToListAsync(cancellationToken);
                if (mine.Any(m => slots.Any(s => s.StartsAt < m.EndsAt && m.StartsAt < s.EndsAt)))
                {
                    errors.Add(new FieldError(nameof(Start), "Appointments.Error.Overlap"));
                }
            }
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            Day = errors.Any(e => e.Field == nameof(Date)) ? today : day;
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.ConversationSlots.AddRange(slots);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/backoffice/afspraken?dag={day:yyyy-MM-dd}&melding=aangeboden");
    }

    /// <summary>Whether a booked slot has begun, so its host can mark it held.</summary>
    public bool HasBegun(ConversationSlot slot) => slot is not null && slot.StartsAt <= clock.GetUtcNow().UtcDateTime;

    /// <summary>The host held the booked conversation: the promise of the booking is kept.</summary>
    public async Task<IActionResult> OnPostHeldAsync(Guid slot, CancellationToken cancellationToken)
    {
        var me = StaffActor.From(User).UserId!;
        var now = clock.GetUtcNow();
        var held = await db.ConversationSlots.FirstOrDefaultAsync(s => s.Id == slot && s.StaffUserId == me && s.CaseId != null && s.HeldAt == null && s.StartsAt <= now.UtcDateTime, cancellationToken);
        if (held is not null)
        {
            held.HeldAt = now.UtcDateTime;
            db.CaseEvents.Add(Reporters.CaseEvent.Of(held.CaseId!.Value, now, StaffActor.From(User).Name, "conversation_held"));
            await Web.Cases.Promises.PromiseLedger.KeepAsync(db, held.CaseId.Value, [Web.Cases.Promises.PromiseKind.Conversation], now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        var dag = AmsterdamTime.DateOf(held?.StartsAt ?? now.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Redirect($"/backoffice/afspraken?dag={dag}&melding=gehouden");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid slot, CancellationToken cancellationToken)
    {
        var me = StaffActor.From(User).UserId!;
        var day = await db.ConversationSlots.Where(s => s.Id == slot && s.StaffUserId == me).Select(s => (DateTime?)s.StartsAt).FirstOrDefaultAsync(cancellationToken);
        var removed = await db.ConversationSlots.Where(s => s.Id == slot && s.StaffUserId == me && s.CaseId == null).ExecuteDeleteAsync(cancellationToken);
        var dag = day is { } at ? AmsterdamTime.DateOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : AmsterdamTime.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Redirect($"/backoffice/afspraken?dag={dag}&melding=" + (removed == 1 ? "verwijderd" : "geboekt"));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = StaffActor.From(User).UserId!;
        var (dayStart, dayEnd) = (AmsterdamTime.StartOfDayUtc(Day), AmsterdamTime.StartOfDayUtc(Day.AddDays(1)));
        Rows = await (from s in db.ConversationSlots.AsNoTracking()
                      where s.StaffUserId == me && s.StartsAt >= dayStart && s.StartsAt < dayEnd
                      join r in db.Reports on s.CaseId equals r.Id into booked
                      from r in booked.DefaultIfEmpty()
                      orderby s.StartsAt
                      select new DayRow(s, r == null ? null : r.ReferenceNumber)).ToListAsync(cancellationToken);
    }
}
