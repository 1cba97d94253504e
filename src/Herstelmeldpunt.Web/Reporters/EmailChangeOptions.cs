namespace Herstelmeldpunt.Web.Reporters;

/// <summary>Configuration section "EmailChange": how long the links of a changed email address work.</summary>
public sealed class EmailChangeOptions
{
    public const string Section = "EmailChange";

    /// <summary>How long the link to confirm a new address works (the mail and Mijn melding say until when).</summary>
    public TimeSpan ConfirmLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long the old address can undo the change (also after it was confirmed).</summary>
    public TimeSpan UndoLifetime { get; set; } = TimeSpan.FromDays(30);
}
