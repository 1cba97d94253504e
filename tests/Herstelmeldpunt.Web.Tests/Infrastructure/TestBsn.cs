namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>Fresh, valid (elfproef) BSNs, so tests sharing a database never collide.</summary>
public static class TestBsn
{
    private static int counter = Random.Shared.Next(10_000_000, 90_000_000);

    public static string Next()
    {
        while (true)
        {
            var body = Interlocked.Increment(ref counter).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                sum += (9 - i) * (body[i] - '0');
            }

            if (sum % 11 < 10)
            {
                return body + (sum % 11).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
