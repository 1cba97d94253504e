using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>Configuration section "Intake": the limits that keep a flood off the public form without stopping a person.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>The rate-limit policy of the public form and its receipt.</summary>
    public const string RatePolicy = "PublicForm";

    /// <summary>Requests to the form and the receipt per client address per 10 minutes (a person filing three reports needs about 15).</summary>
    public int RequestsPerAddress { get; set; } = 40;

    /// <summary>A form sent back sooner than this after it was shown was filled in by a program.</summary>
    public TimeSpan MinimumFillTime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Reports this node takes from the public form per minute, from all addresses together (<see cref="IntakeCeiling"/>).</summary>
    public int ReportsPerMinute { get; set; } = 300;

    /// <summary>At most one receipt email per address in this period: more reports are fine, more mails are not.</summary>
    public TimeSpan ReceiptMailInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The bot barrier of the public form, without JavaScript or a third party: a field people do not see
/// (a program that fills every field fills it too), and a stamp — the moment the form was first shown and an
/// id, protected so it cannot be forged — that must lie at least <see cref="IntakeOptions.MinimumFillTime"/>
/// back. One stamp files one report (<see cref="Reports.Report.FormStamp"/> is unique): a program must open the
/// form, and wait, for every report it sends. Singleton.
/// </summary>
public sealed partial class IntakeProtection(IDataProtectionProvider dataProtection, TimeProvider clock, IntakeOptions options, ILogger<IntakeProtection> logger)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("Herstelmeldpunt.Intake.StartedAt");

    public enum Verdict
    {
        Person,
        TooFast,
        Program,

        /// <summary>A stamp from before stamps had an id (a form opened before an update): the form is shown again with a new one.</summary>
        Renew,
    }

    /// <summary>The verdict, and for a person the stamp's id (the report keeps it).</summary>
    public readonly record struct Checked(Verdict Verdict, Guid StampId)
    {
        /// <summary>What a person who was stopped reads at the form's start time: too quick, or a form from before an update (send again).</summary>
        public string? ErrorKey => Verdict switch
        {
            Verdict.TooFast => "Error.Form.TooFast",
            Verdict.Renew => "Error.Form.Renewed",
            _ => null,
        };
    }

    /// <summary>The protected stamp for a form shown now, for its hidden field: "ticks:id".</summary>
    public string Stamp()
    {
        var now = clock.GetUtcNow();
        return protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{now.UtcTicks}:{Guid.CreateVersion7(now):N}"));
    }

    /// <summary>The form's verdict; a program's is logged (without anything of the form).</summary>
    public Checked Check(IntakeForm form)
    {
        var verdict = Judge(form);
        if (verdict.Verdict == Verdict.Program)
        {
            LogProgram();
        }

        return verdict;
    }

    private Checked Judge(IntakeForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!string.IsNullOrEmpty(form.Website))
        {
            return new(Verdict.Program, Guid.Empty);
        }

        string stamp;
        try
        {
            stamp = protector.Unprotect(form.StartedAt ?? string.Empty);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return new(Verdict.Program, Guid.Empty); // missing or forged
        }

        var parts = stamp.Split(':');
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return new(Verdict.Program, Guid.Empty);
        }

        if (parts.Length != 2 || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return new(Verdict.Renew, Guid.Empty);
        }

        return clock.GetUtcNow().UtcTicks - ticks < options.MinimumFillTime.Ticks ? new(Verdict.TooFast, id) : new(Verdict.Person, id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake form refused: filled in by a program (hidden field filled, or no valid start time)")]
    private partial void LogProgram();
}

/// <summary>The form's stamp filed a report already, under another idempotency key: a program re-sending one form. Nothing was stored.</summary>
public sealed class FormStampUsedException : Exception
{
    public FormStampUsedException()
        : base("This form stamp filed a report already.")
    {
    }
}
