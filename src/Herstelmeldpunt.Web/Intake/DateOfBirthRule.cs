using System.Globalization;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>
/// A date of birth, in two steps: each channel reads what was typed into an <see cref="Answer{T}"/> (the form's day,
/// month and year boxes; the API's ISO date), then one rule judges the date: in the past, from 1900 on. Used on the
/// intake and where a person identifies with it (a link by post).
/// </summary>
public static class DateOfBirthRule
{
    /// <summary>Day, month and year typed in three boxes: all empty is no answer; some empty, or no real date, is unreadable.</summary>
    public static Answer<DateOnly> Read(string? birthDay, string? birthMonth, string? birthYear)
    {
        var day = ContactRules.Clean(birthDay);
        var month = ContactRules.Clean(birthMonth);
        var year = ContactRules.Clean(birthYear);
        if (day is null && month is null && year is null)
        {
            return default;
        }

        if (day is null || month is null || year is null)
        {
            return Answer.Unreadable<DateOnly>("Error.DateOfBirth.Incomplete");
        }

        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || year.Length != 4
            || m is < 1 or > 12
            || d < 1 || y < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return Answer.Unreadable<DateOnly>("Error.DateOfBirth.Invalid");
        }

        return Answer.Of(new DateOnly(y, m, d));
    }

    /// <summary>An ISO date (yyyy-MM-dd), as the API takes it.</summary>
    public static Answer<DateOnly> ReadIso(string? value) =>
        ContactRules.Clean(value) is not { } text ? default
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? Answer.Of(date)
        : Answer.Unreadable<DateOnly>("Error.DateOfBirth.Invalid");

    /// <summary>The date, or null after one <c>fail(text key)</c>: required, readable, before today, not before 1900.</summary>
    public static DateOnly? Check(Answer<DateOnly> answer, DateOnly today, Action<string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        if (answer.Value is not { } date)
        {
            fail(answer.Problem ?? "Error.DateOfBirth.Required");
            return null;
        }

        if (date >= today)
        {
            fail("Error.DateOfBirth.Future");
            return null;
        }

        if (date.Year < 1900)
        {
            fail("Error.DateOfBirth.TooOld");
            return null;
        }

        return date;
    }
}
