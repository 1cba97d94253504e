using Herstelmeldpunt.Web.Localization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Herstelmeldpunt.Web.Cases.Bookings;

/// <summary>
/// The calendar file (RFC 5545, Ical.Net) of a booked conversation: its time in UTC, what it is and how it is held (the
/// office's address as the location). Never a name, a phone number or anything about the person. The same slot gives
/// the same UID, so a moved booking is a new event and a calendar can tell the two apart. Thread-safe.
/// </summary>
public static class CalendarFile
{
    public const string ContentType = "text/calendar";

    public const string FileName = "afspraak.ics";

    public static string For(ConversationSlot slot, string language, JsonStringLocalizer texts)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(texts);
        var how = texts.In(language, $"Booking.How.{slot.Mode}");
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{slot.Id:N}-{slot.BookedAt?.Ticks ?? 0}@herstelmeldpunt",
            Summary = texts.In(language, $"Booking.Purpose.{slot.Purpose}"),
            Description = how,
            Location = slot.Mode == SlotMode.Office ? slot.Location : null,
            Start = new CalDateTime(DateTime.SpecifyKind(slot.StartsAt, DateTimeKind.Utc)),
            End = new CalDateTime(DateTime.SpecifyKind(slot.EndsAt, DateTimeKind.Utc)),
            DtStamp = new CalDateTime(DateTime.SpecifyKind(slot.BookedAt ?? slot.CreatedAt, DateTimeKind.Utc)),
        };
        var calendar = new Calendar { ProductId = "-//Meldpunt herstelactie//Herstelmeldpunt//NL" };
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }
}
