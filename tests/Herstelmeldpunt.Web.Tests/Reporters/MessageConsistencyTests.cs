using System.Globalization;
using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Web.Tests.Letters;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Reporters;

/// <summary>
/// What the person reads is checked like code: every email and letter template to a person, rendered through the
/// real message path (<see cref="ReporterMessages"/>, which picks the variant and the channel) for each language and
/// each way of being reached. No text promises a call to someone without a phone number, and every date a text names
/// lies on or before the legal term it cites, unless it says we expect to be late.
/// </summary>
public sealed partial class MessageConsistencyTests : IClassFixture<SqliteAppFactory>
{
    /// <summary>Templates that go to staff, never to the person.</summary>
    private static readonly string[] StaffTemplates = ["escalation", "case_assigned", "deadline_soon"];

    private readonly SqliteAppFactory app;

    public MessageConsistencyTests(SqliteAppFactory app) => this.app = app;

    public enum Reach
    {
        EmailOnly,
        EmailAndPhone,
        LetterAndPhone,
        RepresentativeByEmail,
    }

    public static TheoryData<string, string, Reach> Every()
    {
        var data = new TheoryData<string, string, Reach>();
        foreach (var name in EmailTemplates.Names.Union(LetterTemplates.Names).Where(n => !StaffTemplates.Contains(n) && !n.EndsWith(ContactRule.NoPhoneTemplateSuffix, StringComparison.Ordinal) && n != LetterTemplates.TargetGroupLetter))
        {
            foreach (var language in TemplateFiles.Languages)
            {
                // An email template reaches people with an address (or their representative's); a letter template people by post.
                foreach (var reach in Enum.GetValues<Reach>().Where(r => r == Reach.LetterAndPhone ? LetterTemplates.Exists(name) : EmailTemplates.Exists(name)))
                {
                    data.Add(name, language, reach);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Every))]
    public async Task No_message_promises_a_call_to_someone_without_a_phone_and_no_date_lies_past_the_term_it_cites(string template, string language, Reach reach)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var messages = scope.ServiceProvider.GetRequiredService<ReporterMessages>();
        var report = Person(language, reach);

        // A template that promises a date is given the date it names (the legal term here), as its callers do.
        var promised = Herstelmeldpunt.Web.Cases.Promises.PromiseCatalogue.Makes.ContainsKey(template) ? new Herstelmeldpunt.Web.Cases.Promises.Promised(LegalDue)
            : template == Herstelmeldpunt.Web.Cases.Promises.PromiseCatalogue.ApologyTemplate ? new Herstelmeldpunt.Web.Cases.Promises.Promised(Today.AddDays(7), Kind: Herstelmeldpunt.Web.Cases.Promises.PromiseKind.Call) : null;
        var queued = messages.Queue(report, template, Guid.NewGuid().ToString(), Values(report, scope.ServiceProvider.GetRequiredService<WorkingDayCalendar>()), promised: promised);
        if (!ContactRule.MaySend(report, template))
        {
            // A call announcement to someone nobody can call is not sent at all, by email or by letter.
            Assert.False(queued);
            Assert.Empty(db.ChangeTracker.Entries<OutboxMessage>());
            Assert.Empty(db.ChangeTracker.Entries<CaseLetter>());
            return;
        }

        var texts = db.ChangeTracker.Entries<OutboxMessage>().Select(e => e.Entity.Subject + "\n" + e.Entity.TextBody)
            .Concat(db.ChangeTracker.Entries<CaseLetter>().Select(e => PdfText.All(e.Entity.Pdf)))
            .ToList();
        Assert.NotEmpty(texts);
        foreach (var text in texts)
        {
            if (!ContactRule.CanCall(report))
            {
                Assert.False(CallPromise().IsMatch(text), $"{template}.{language} to {reach} promises a call: {CallPromise().Match(text).Value}");
            }

            var culture = language == "en" ? Herstelmeldpunt.Web.Localization.Cultures.English : Herstelmeldpunt.Web.Localization.Cultures.Dutch;
            var legalDue = LegalDue.ToString("d MMMM yyyy", culture);
            if (text.Contains(legalDue, StringComparison.Ordinal) && !SaysLate().IsMatch(text))
            {
                foreach (Match date in DateInText().Matches(text))
                {
                    var named = DateOnly.ParseExact(date.Value, "d MMMM yyyy", culture);
                    Assert.True(named <= LegalDue || named == ObjectionUntil, $"{template}.{language} to {reach} names {date.Value}, after the term it cites ({legalDue})");
                }
            }
        }
    }

    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateOnly LegalDue = new(2027, 1, 20);
    private static readonly DateOnly ObjectionUntil = ObjectionTerm.LastDay(Today);

    private static Report Person(string language, Reach reach) => new()
    {
        Id = Guid.NewGuid(),
        ReferenceNumber = ReferenceNumber.NewNumber(),
        IdempotencyKey = Guid.NewGuid(),
        ReceivedAt = AppFactory.DefaultNow.UtcDateTime,
        FullName = "Test Persoon",
        Bsn = "111222333",
        Description = "x",
        ConsentGivenAt = AppFactory.DefaultNow.UtcDateTime,
        Language = language,
        Email = reach is Reach.EmailOnly or Reach.EmailAndPhone ? "melder@example.nl" : null,
        Phone = reach is Reach.EmailAndPhone or Reach.LetterAndPhone ? "0612345678" : null,
        PreferredChannel = reach is Reach.EmailAndPhone or Reach.LetterAndPhone ? ContactChannel.Phone : ContactChannel.Email,
        AddressStreet = reach is Reach.LetterAndPhone or Reach.RepresentativeByEmail ? "Dorpsstraat 1" : null,
        AddressPostcode = reach is Reach.LetterAndPhone or Reach.RepresentativeByEmail ? "9712 AB" : null,
        AddressCity = reach is Reach.LetterAndPhone or Reach.RepresentativeByEmail ? "Groningen" : null,
        FiledByRepresentative = reach == Reach.RepresentativeByEmail,
        RepresentativeName = reach == Reach.RepresentativeByEmail ? "Helper Hulp" : null,
        RepresentativeEmail = reach == Reach.RepresentativeByEmail ? "helper@example.nl" : null,
    };

    /// <summary>The values the events give, the expected-decision range made by the real rule from an estimate that runs past the term.</summary>
    private static Dictionary<string, string> Values(Report report, WorkingDayCalendar calendar)
    {
        var capped = ExpectedDecision.Reconcile(new DateRange(LegalDue.AddDays(-20), LegalDue.AddDays(30)), LegalDue, calendar);
        var values = EstimateWatch.DateValues(report, capped);
        values["answer_by"] = Today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        values["objection_until"] = ObjectionUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        values["objection_date"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        values["question"] = "Wat is de datum van uw herbeoordeling?";
        values["decision"] = "- Een gesprek met een maatschappelijk werker.";
        values["reason"] = "Wij wachten op een rapport.";
        values["reasons"] = "Het bezwaar is gegrond.";
        values["explanation"] = "U staat niet in het register.";
        values["referral"] = "Het UWV-loket.";
        values["step"] = "Beoordeling";
        values["promise"] = "een besluit over uw melding";
        values["promised_on"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        values["link"] = "https://meldpunt.example.nl/x";
        values["valid_until"] = "14 december 2026";
        return values;
    }

    // A promise that we will call: "wij bellen u", "bellen wij u", "een medewerker belt u", "we will call you", "we call you".
    [GeneratedRegex(@"\b([Ww]ij bellen u|bellen wij u|belt u\b(?! ons)|[Ww]e (will )?call you)", RegexOptions.CultureInvariant)]
    private static partial Regex CallPromise();

    [GeneratedRegex(@"te laat|be late|are late", RegexOptions.CultureInvariant)]
    private static partial Regex SaysLate();

    [GeneratedRegex(@"\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex DateInText();
}
