namespace Herstelmeldpunt.Web.Email;

/// <summary>
/// This node's view of the SMTP server: since when it has failed without a success in between. Read by
/// the health check; thread-safe.
/// </summary>
public sealed class MailDeliveryState
{
    private readonly Lock gate = new();
    private DateTimeOffset? failingSince;

    public DateTimeOffset? FailingSince
    {
        get
        {
            lock (gate)
            {
                return failingSince;
            }
        }
    }

    public void Failed(DateTimeOffset at)
    {
        lock (gate)
        {
            failingSince ??= at;
        }
    }

    public void Succeeded()
    {
        lock (gate)
        {
            failingSince = null;
        }
    }
}
