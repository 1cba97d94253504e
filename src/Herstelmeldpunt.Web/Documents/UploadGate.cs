namespace Herstelmeldpunt.Web.Documents;

/// <summary>
/// How many uploads the public pages check and store at once, per client (an IPv4 address or an IPv6 /64) and on this
/// node, and how many bytes one client may send per hour: six parallel posts of ten 10 MB files must not take a node's
/// memory and disk (probe of issue 27, item 5). The form's answers are kept when it says no. Singleton.
/// </summary>
public sealed class UploadGate(DocumentOptions options, TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> inFlight = [];
    private readonly Dictionary<string, (long Hour, long Bytes)> sent = [];
    private int total;

    public enum Refusal
    {
        /// <summary>Too many uploads at this moment (for this client or for all): try again in a minute.</summary>
        Busy,

        /// <summary>This client sent its bytes for this hour.</summary>
        Quota,
    }

    /// <summary>A place for one upload of <paramref name="bytes"/>, released when disposed; or why not.</summary>
    public (IDisposable? Lease, Refusal? Refused) TryEnter(HttpContext context, long bytes)
    {
        var client = Common.ClientAddress.Partition(context);
        var hour = clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerHour;
        lock (gate)
        {
            var mine = inFlight.GetValueOrDefault(client);
            if (total >= options.UploadsInFlight || mine >= options.UploadsInFlightPerClient)
            {
                return (null, Refusal.Busy);
            }

            var (sentHour, sentBytes) = sent.GetValueOrDefault(client);
            var thisHour = sentHour == hour ? sentBytes : 0;
            if (thisHour + bytes > options.UploadBytesPerClientPerHour)
            {
                return (null, Refusal.Quota);
            }

            if (sent.Count > 100_000)
            {
                foreach (var stale in sent.Where(e => e.Value.Hour != hour).Select(e => e.Key).ToList())
                {
                    sent.Remove(stale);
                }
            }

            sent[client] = (hour, thisHour + bytes);
            inFlight[client] = mine + 1;
            total++;
            return (new Lease(this, client), null);
        }
    }

    /// <summary>The status of a page that shows a refusal: 503 (try again in a minute), 429 (the hour's bytes), or 200 for a refusal of another kind.</summary>
    public static int StatusCode(Refusal? refusal) => refusal switch
    {
        Refusal.Busy => StatusCodes.Status503ServiceUnavailable,
        Refusal.Quota => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status200OK,
    };

    /// <summary>The error key a page shows for a refusal.</summary>
    public static string MessageKey(Refusal refusal) => refusal == Refusal.Busy ? "Documents.Error.Busy" : "Documents.Error.Quota";

    private void Release(string client)
    {
        lock (gate)
        {
            total--;
            if (--inFlight[client] == 0)
            {
                inFlight.Remove(client);
            }
        }
    }

    private sealed class Lease(UploadGate owner, string client) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.Release(client);
            }
        }
    }
}
