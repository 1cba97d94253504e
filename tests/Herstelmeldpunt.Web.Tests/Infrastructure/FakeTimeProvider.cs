namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>A clock the test sets. (Microsoft.Extensions.TimeProvider.Testing is not in the package copy here.)</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void SetUtcNow(DateTimeOffset value) => now = value;

    public void Advance(TimeSpan by) => now += by;
}
