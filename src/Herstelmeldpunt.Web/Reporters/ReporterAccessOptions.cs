namespace Herstelmeldpunt.Web.Reporters;

/// <summary>Configuration section "ReporterAccess": the links to Mijn melding and the sessions they open.</summary>
public sealed class ReporterAccessOptions
{
    public const string Section = "ReporterAccess";

    /// <summary>How long an emailed link the person asked for just now works (once).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long the link in a message we send on our own (a question, a decision) works (once): people read mail days later. The mail says until when.</summary>
    public TimeSpan NotificationLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a link sent by letter works (once): post takes days.</summary>
    public TimeSpan PostalLinkLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A session on Mijn melding ends after this much inactivity.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session on Mijn melding ends after this long however active it is (a new link opens a new one).</summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromHours(4);

    /// <summary>New links asked for one report per hour; more requests get the same answer but no email.</summary>
    public int LinksPerReportPerHour { get; set; } = 3;

    /// <summary>Requests for a link (the form sent, not opened) per IP address per 10 minutes; more get 429.</summary>
    public int LinkRequestsPerAddress { get; set; } = 10;
}
