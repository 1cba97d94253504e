using System.Diagnostics;

namespace Herstelmeldpunt.Web.Common;

/// <summary>
/// An answer that must not tell by its timing what it found (a known account, a matching reference and address) waits
/// until a fixed time after the request came in, longer than any of its paths takes. Wall-clock time on purpose: this is
/// about what a stopwatch on the other side sees, not about a date.
/// </summary>
public static class ResponseFloor
{
    /// <summary>Staff sign-in refused, and a Mijn melding link asked for (by email or by post).</summary>
    public static readonly TimeSpan Default = TimeSpan.FromMilliseconds(400);

    /// <summary>Waits until <paramref name="floor"/> has passed since <paramref name="started"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static async Task WaitAsync(long started, TimeSpan floor, CancellationToken cancellationToken)
    {
        // Task.Delay's timer can wake a millisecond early: wait until the floor has really passed.
        for (var left = floor - Stopwatch.GetElapsedTime(started); left > TimeSpan.Zero; left = floor - Stopwatch.GetElapsedTime(started))
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(1), cancellationToken);
        }
    }
}
