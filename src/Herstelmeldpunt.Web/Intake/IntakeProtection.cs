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

    /// <summary>At most one receipt email per address in this period: more reports are fine, more mails are not.</summary>
    public TimeSpan ReceiptMailInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The bot barrier of the public form, without JavaScript or a third party: a field people do not see
/// (a program that fills every field fills it too), and the moment the form was first shown, protected
/// so it cannot be forged, that must lie at least <see cref="IntakeOptions.MinimumFillTime"/> back. Singleton.
/// </summary>
public sealed class IntakeProtection(IDataProtectionProvider dataProtection, TimeProvider clock, IntakeOptions options)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("Herstelmeldpunt.Intake.StartedAt");

    public enum Verdict
    {
        Person,
        TooFast,
        Program,
    }

    /// <summary>The protected moment the form is shown now, for its hidden field.</summary>
    public string Stamp() => protector.Protect(clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture));

    public Verdict Check(IntakeForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!string.IsNullOrEmpty(form.Website))
        {
            return Verdict.Program;
        }

        try
        {
            var ticks = long.Parse(protector.Unprotect(form.StartedAt ?? string.Empty), CultureInfo.InvariantCulture);
            return clock.GetUtcNow().UtcTicks - ticks < options.MinimumFillTime.Ticks ? Verdict.TooFast : Verdict.Person;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or OverflowException)
        {
            return Verdict.Program; // missing or forged
        }
    }
}
