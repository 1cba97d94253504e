using System.Globalization;
using System.Net;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Herstelmeldpunt.Web.Tests.Security;

/// <summary>
/// The repeatable probe of docs/security.md, fuzz part: random damaged submissions of the public form
/// (long, hidden and control characters, injection strings, wrong numbers and dates, missing or unknown
/// choices). Nothing may answer 5xx, nothing invalid may be stored, no payload may come back unescaped,
/// and every accepted submission is stored exactly once. The test command runs 200 (seeded, so a failure
/// repeats); set HERSTELMELDPUNT_PROBE_SUBMISSIONS=5000 for the long form. The other parts of the probe
/// are their own tests: AuthorizationMatrixTests (route × role), IntakeProtectionTests (flood),
/// AccountTests (authenticator replay).
/// </summary>
public abstract class SecurityProbeTests(ITestOutputHelper output)
{
    private static readonly string[] Payloads =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "'; DROP TABLE \"Reports\"; --", "=HYPERLINK(\"http://x\")",
        "+31 6 1234 5678\r\nBcc: iemand@example.nl", "{{7*7}}", "${jndi:ldap://x}", "../../etc/passwd", "\u0000", "\u202Egnp.exe", "Jan\u200BJansen",
        "🙂🙂🙂", "ＡＢＣ", "-1", "0", "99999999999999999999", "", " ", "null", "true", "maybe", "31", "02", "1800", "2999", "111222333", "123456789",
    ];

    private static readonly string[] Fields =
    [
        "Form.FilingFor", "Form.FullName", "Form.Bsn", "Form.BirthDay", "Form.BirthMonth", "Form.BirthYear", "Form.Email", "Form.Phone",
        "Form.PreferredChannel", "Form.PreferredTime", "Form.Description", "Form.NoIncome", "Form.DebtCollectionOrEviction", "Form.CrisisOrDanger", "Form.Consent",
        "Form.RepresentativeName", "Form.RepresentativeEmail", "Form.AddressStreet", "Form.AddressPostcode", "Form.AddressCity",
    ];

    protected abstract AppFactory NewApp();

    private static int Submissions =>
        int.TryParse(Environment.GetEnvironmentVariable("HERSTELMELDPUNT_PROBE_SUBMISSIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 200;

    private static string Damaged(Random random) => random.Next(6) switch
    {
        0 => new string('x', random.Next(190, 12_000)),
        1 => string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0, 0x3000))),
        2 => random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture),
        _ => Payloads[random.Next(Payloads.Length)],
    };

    [Fact]
    public async Task Damaged_submissions_never_fail_with_5xx_and_store_nothing_invalid()
    {
        await using var app = NewApp();
        var random = new Random(20261130);
        int serverErrors = 0, accepted = 0, refused = 0, echoed = 0;
        for (var i = 0; i < Submissions; i++)
        {
            var answers = IntakeJourney.ValidAnswers("Probe " + i.ToString(CultureInfo.InvariantCulture));
            answers["Form.Bsn"] = TestBsn.Next();
            for (var changes = random.Next(1, 4); changes > 0; changes--)
            {
                var field = Fields[random.Next(Fields.Length)];
                answers[field] = random.Next(8) == 0 ? null : Damaged(random);
            }

            var journey = new IntakeJourney(app);
            var review = await journey.ContinueAsync(answers);
            serverErrors += (int)review.Status >= 500 ? 1 : 0;
            echoed += Payloads.Take(2).Count(p => review.Html.Contains(p, StringComparison.Ordinal));
            if (review.H1 != "Controleer uw antwoorden")
            {
                refused++;
                continue;
            }

            var sent = await journey.SendAsync(review);
            serverErrors += (int)sent.Status >= 500 ? 1 : 0;
            if (sent.Status == HttpStatusCode.Redirect)
            {
                var receipt = await journey.Client.GetPageAsync(sent.Location!.OriginalString);
                serverErrors += (int)receipt.Status >= 500 ? 1 : 0;
                echoed += Payloads.Take(2).Count(p => receipt.Html.Contains(p, StringComparison.Ordinal));
                accepted++;
            }
            else
            {
                refused++;
            }
        }

        var stored = await app.WithDbAsync(db => db.Reports.AsNoTracking().ToListAsync());
        var invalid = stored.Count(r => !Bsn.IsValid(r.Bsn) || string.IsNullOrWhiteSpace(r.FullName) || HiddenCharacters.In(r.FullName) || r.FullName.Length > FieldLimits.Name
            || r.Description.Length > FieldLimits.Description || (r.Email is not null && !IntakeValidator.IsEmail(r.Email)) || (r.Email is null && !r.HasPostalAddress && r.RepresentativeEmail is null));
        output.WriteLine($"probe: {Submissions} submissions, {accepted} accepted, {refused} refused with a message, {serverErrors} answered 5xx, {stored.Count} stored, {invalid} invalid stored, {echoed} payloads echoed unescaped");
        Assert.Equal(0, serverErrors);
        Assert.Equal(0, invalid);
        Assert.Equal(0, echoed);
        Assert.Equal(accepted, stored.Count); // each accepted submission once, nothing else
        Assert.True(accepted > 0 && refused > 0, "the probe should both pass and damage submissions");
    }
}

public sealed class SecurityProbeTestsOnSqlite(ITestOutputHelper output) : SecurityProbeTests(output)
{
    protected override AppFactory NewApp() => new SqliteAppFactory();
}

public sealed class SecurityProbeTestsOnPostgres(ITestOutputHelper output) : SecurityProbeTests(output)
{
    protected override AppFactory NewApp() => new PostgresAppFactory();
}
