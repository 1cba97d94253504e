namespace Herstelmeldpunt.Web.Intake;

/// <summary>
/// One typed answer as a channel read it: a value, nothing (the question left open: <c>default</c>), or what was given
/// but could not be read, as a text key (a date of 31 February). Each channel — the form's text boxes, the API's JSON,
/// a batch row — reads its own shape into answers (<see cref="Answer"/>); <see cref="IntakeValidator"/> then judges
/// them all by the same rules.
/// </summary>
public readonly record struct Answer<T>
    where T : struct
{
    internal Answer(T? value, string? problem) => (Value, Problem) = (value, problem);

    public T? Value { get; }

    /// <summary>The text key of why a given answer could not be read; null when it could or when none was given.</summary>
    public string? Problem { get; }

    public bool IsEmpty => Value is null && Problem is null;
}

/// <summary>Makes <see cref="Answer{T}"/>s.</summary>
public static class Answer
{
    public static Answer<T> Of<T>(T value)
        where T : struct => new(value, null);

    public static Answer<T> Unreadable<T>(string problem)
        where T : struct => new(null, problem);

    /// <summary>A value given as <c>T?</c>: absent is no answer.</summary>
    public static Answer<T> From<T>(T? value)
        where T : struct => new(value, null);
}
