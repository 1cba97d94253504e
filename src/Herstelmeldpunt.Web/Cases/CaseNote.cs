namespace Herstelmeldpunt.Web.Cases;

/// <summary>
/// A free note by a member of staff on a case, outside the steps. Never shown to the reporter. The
/// author may correct it for a short time (<see cref="CorrectionWindow"/>); nobody can delete it.
/// </summary>
public sealed class CaseNote
{
    public static readonly TimeSpan CorrectionWindow = TimeSpan.FromMinutes(15);

    public const int MaxLength = Reports.FieldLimits.LongText;

    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public string AuthorId { get; set; } = string.Empty;

    public string AuthorName { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime At { get; set; }

    public string Text { get; set; } = string.Empty;

    /// <summary>UTC; set when the author corrected it.</summary>
    public DateTime? CorrectedAt { get; set; }

    public bool MayBeCorrectedBy(string? userId, DateTimeOffset now) =>
        userId is not null && userId == AuthorId && now.UtcDateTime - At <= CorrectionWindow;

    /// <summary>An error key, or null when the text is acceptable.</summary>
    public static string? Check(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "Note.Error.Empty"
        : text.Trim().Length > MaxLength ? "Note.Error.TooLong"
        : null;
}
