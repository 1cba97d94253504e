using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>Staff in a real browser: first sign-in with two-factor enrolment, then the back-office pages, each checked with axe.</summary>
public sealed class BackOfficeInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task New_member_of_staff_enrols_two_factor_and_back_office_pages_have_no_accessibility_violations()
    {
        // An administrator with two-factor authentication, and a new colleague with a password only.
        var admin = await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.Administrator]);
        var colleague = await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.IntakeStaff], twoFactor: false);

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/backoffice");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen voor medewerkers");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-login");

        await page.GetByLabel("E-mailadres").FillAsync(colleague.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(colleague.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tweestapsverificatie instellen");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-enrol");
        var key = (await page.GetByTestId("shared-key").TextContentAsync())!;
        await page.GetByLabel("Code uit uw authenticator-app").FillAsync(await Totp.NextCodeAsync(fixture.App, colleague.Email, key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren en aanzetten" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-recovery-codes");

        await page.GetByRole(AriaRole.Link, new() { Name = "Melding invoeren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Melding invoeren voor iemand");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder naar controleren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Kies hoe de melding binnenkwam");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-staff-intake-errors");

        await page.GetByRole(AriaRole.Link, new() { Name = "Meldingen" }).ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-cases");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("U bent uitgelogd");

        // The administrator's pages.
        await page.GetByLabel("E-mailadres").FillAsync(admin.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(admin.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-code");
        await page.GetByLabel("Code uit uw authenticator-app").FillAsync(await Totp.NextCodeAsync(fixture.App, admin.Email, admin.AuthenticatorKey!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Backoffice");

        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts" }).ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-accounts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Medewerker uitnodigen" }).ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-invite");
        await page.GotoAsync($"/backoffice/beheer/accounts/{colleague.Id}");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-account");
        await page.GetByRole(AriaRole.Link, new() { Name = "Doelgroep" }).ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-register");
        await page.GotoAsync("/backoffice/doelgroep/importeren");
        await page.GetByLabel("CSV-bestand").SetInputFilesAsync(new FilePayload
        {
            Name = "doelgroep.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("bsn;naam;uitkering;herbeoordelingsdatum;team\n123456789;Fout;WGA;2019-01-01;OTN\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Bestand controleren" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-errors")).ToContainTextAsync("Geen geldig BSN");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-import-errors");
        await page.GetByRole(AriaRole.Link, new() { Name = "Logboek" }).ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-audit-log");
    }

    [Fact]
    public async Task Intake_routes_a_case_and_the_committee_member_opens_it_with_no_accessibility_violations()
    {
        var intake = await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.IntakeStaff]);
        var member = await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.CommitteeMember], displayName: "Commissielid Browser");
        var bsn = TestBsn.Next();
        await fixture.App.AddToRegisterAsync(bsn);
        var caseId = await fixture.App.FileReportAsync(bsn);

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await SignInAsync(page, intake);
        await page.GetByRole(AriaRole.Link, new() { Name = "Werkvoorraad" }).First.ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-worklist");
        await page.GotoAsync($"/backoffice/meldingen/{caseId}");
        await page.GetByText("Bekijk het hele proces").ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-case");

        await page.GetByRole(AriaRole.Link, new() { Name = "Doorsturen naar de adviescommissie" }).ClickAsync();
        await page.GetByLabel("Normaal", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Doorsturen naar de adviescommissie" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("geef de reden");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-step-error");
        await page.GetByLabel("Reden als u de urgentie wijzigt").FillAsync("Heeft weer inkomen.");
        await page.GetByLabel("Commissielid Browser (0 open zaken)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Doorsturen naar de adviescommissie" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-state")).ToHaveTextAsync("Bij de adviescommissie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();

        await SignInAsync(page, member);
        await page.GotoAsync("/backoffice/werkvoorraad");
        await page.Locator($"a[href='/backoffice/meldingen/{caseId}']").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Advies schrijven of aanpassen" }).ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-advice");
        await page.GetByLabel("Psychische ondersteuning", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Herstel opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Geef de reden voor de maatregel ‘Psychische ondersteuning’");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-advice-error");
    }

    [Fact]
    public async Task Staff_bring_in_a_case_check_the_answers_and_save_it_with_no_accessibility_violations()
    {
        var intake = await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.IntakeStaff]);
        var name = "Telefonisch gemeld " + Guid.NewGuid();

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await SignInAsync(page, intake);
        await page.GetByRole(AriaRole.Link, new() { Name = "Melding invoeren" }).First.ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-staff-intake");

        await page.GetByLabel("Telefoon", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Waarom voert u deze melding in?").FillAsync("Belde overstuur.");
        await page.GetByLabel("De melder meldt voor zichzelf").CheckAsync();
        await page.GetByLabel("Volledige naam").FillAsync(name);
        await page.GetByLabel("Burgerservicenummer (BSN)").FillAsync(TestBsn.Next());
        await page.GetByLabel("Dag", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel("Maand", new() { Exact = true }).FillAsync("11");
        await page.GetByLabel("Jaar", new() { Exact = true }).FillAsync("1959");
        await page.GetByLabel("Telefoonnummer (niet verplicht)", new() { Exact = true }).FillAsync("0612345678");
        await page.GetByRole(AriaRole.Group, new() { Name = "Hoe wil de melder het liefst contact?" }).GetByLabel("Telefonisch").CheckAsync();
        await page.GetByLabel("'s Middags (12.00 tot 17.00 uur)").CheckAsync();
        await page.GetByLabel("Straat en huisnummer").FillAsync("Dorpsstraat 12"); // no email address: letters go by post
        await page.GetByLabel("Postcode").FillAsync("1234 AB");
        await page.GetByLabel("Plaats").FillAsync("Amsterdam");
        await page.GetByLabel("Financiële problemen").CheckAsync();
        await page.GetByLabel("Wat is er gebeurd en hoe gaat het nu met de melder?").FillAsync("Schulden sinds de herbeoordeling.");
        await page.GetByRole(AriaRole.Group, new() { Name = "Heeft de melder op dit moment geen inkomen?" }).GetByLabel("Nee").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "deurwaarder" }).GetByLabel("Nee").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Is de melder in een crisis of in gevaar?" }).GetByLabel("Nee").CheckAsync();
        await page.GetByLabel("De persoon is gewezen op de privacyverklaring").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder naar controleren" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Controleer de melding");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(name);
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-staff-intake-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Melding opslaan" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("reference")).ToBeVisibleAsync();
        Assert.Equal(1, await fixture.App.WithDbAsync(db => db.Reports.CountAsync(r => r.NameIndex == db.Cipher.NameIndex(name))));
    }

    [Fact]
    public async Task The_dashboard_and_the_most_urgent_list_have_no_accessibility_violations()
    {
        var manager = await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.Manager]);
        await fixture.App.FileReportAsync(TestBsn.Next(), crisis: "yes");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await SignInAsync(page, manager);

        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("chart-urgency")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-dashboard");
        // Measured by the browser: no label runs into its bar and no figure is cut off at the picture's edge.
        var clipped = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('svg.chart__svg')].flatMap(svg => {
                const width = svg.viewBox.baseVal.width;
                const barStart = Math.min(...[...svg.querySelectorAll('rect')].map(r => r.x.baseVal.value));
                return [...svg.querySelectorAll('text')].flatMap(t => {
                    const box = t.getBBox(), right = box.x + box.width;
                    const isLabel = t.getAttribute('x') === '0';
                    return right > width + 0.5 || (isLabel && right > barStart) ? [svg.closest('figure').id + ': ' + t.textContent] : [];
                });
            })
            """);
        Assert.Empty(clipped);
        await page.GetByRole(AriaRole.Link, new() { Name = "Meest urgent eerst" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("urgent")).ToContainTextAsync("Acuut");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-urgent");
        await page.GotoAsync("/backoffice/taken");
        await Assertions.Expect(page.Locator("#realtimeGraph")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-jobs");
        await page.GetByRole(AriaRole.Link, new() { Name = "E-mail en termijnen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sweeps")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-jobs-mail");
        await page.GotoAsync("/backoffice/taken/recurring");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-jobs-recurring");
        await page.GotoAsync("/backoffice/processen");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "herstelmelding v2" })).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-processes");
    }

    [Fact]
    public async Task An_administrator_pauses_email_delivery_in_the_jobs_dashboard_with_its_scripts_working_under_the_content_security_policy()
    {
        var admin = await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.Administrator]);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if ((message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Type == "error") && !message.Location.Contains("favicon.ico", StringComparison.Ordinal))
            {
                blocked.Add($"{message.Text} at {message.Location}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.EndsWith("/favicon.ico", StringComparison.Ordinal)) // the browser's own guess; the site has none
            {
                blocked.Add($"{response.Status} {response.Url}");
            }
        };
        await SignInAsync(page, admin);

        await page.GetByRole(AriaRole.Link, new() { Name = "Taken en e-mail" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "E-mail en termijnen" }).ClickAsync();
        var outboxRow = page.Locator("tr[data-job='outbox-delivery']");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        // Hangfire's script binds the command buttons once the page has loaded; a click before that does
        // nothing (seen once on a busy CI machine), so wait for the page as a person would see it.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await outboxRow.GetByRole(AriaRole.Button, new() { Name = "Pauzeren" }).ClickAsync();
        await Assertions.Expect(outboxRow).ToContainTextAsync("Gepauzeerd");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle); // the reload after the command
        await outboxRow.GetByRole(AriaRole.Button, new() { Name = "Hervatten" }).ClickAsync();
        await Assertions.Expect(outboxRow).ToContainTextAsync("Actief");

        Assert.True(blocked.Count == 0, "console errors:\n" + string.Join('\n', blocked));
        Assert.False(await fixture.App.WithDbAsync(db => db.Set<Herstelmeldpunt.Web.Scheduling.JobPause>().AnyAsync()));
    }

    [Fact]
    public async Task The_print_room_makes_a_batch_of_waiting_letters_with_no_accessibility_violations()
    {
        var printer = await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.CustomerContact]);
        var answers = IntakeJourney.ValidAnswers("Brief Melder");
        answers["Form.Bsn"] = TestBsn.Next();
        answers["Form.Email"] = "";
        answers["Form.AddressStreet"] = "Dorpsstraat 12";
        answers["Form.AddressPostcode"] = "1234 AB";
        answers["Form.AddressCity"] = "Amsterdam";
        await new IntakeJourney(fixture.App).FileReportAsync(answers);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await SignInAsync(page, printer);

        await page.GetByRole(AriaRole.Link, new() { Name = "Brieven" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("waiting")).ToContainTextAsync("Wij hebben uw melding ontvangen");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-print-room");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afdrukbatch maken" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("afdrukbatch is gemaakt");
        await Assertions.Expect(page.GetByTestId("batches")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-print-room-batch");
        await page.SetViewportSizeAsync(320, 640);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the print room scrolls sideways at 320 px");
    }

    [Fact]
    public async Task A_worklist_filter_is_saved_and_opened_again_with_no_accessibility_violations()
    {
        var intake = await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.IntakeStaff]);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await SignInAsync(page, intake);

        await page.GotoAsync("/backoffice/werkvoorraad");
        await page.GetByLabel("Urgentie").SelectOptionAsync("High");
        await page.GetByLabel("Alleen met verlopen termijn").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon meldingen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter bewaren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Geef het filter een naam");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-worklist-filter-error");
        await page.GetByLabel("Naam van het filter").FillAsync("Hoog en verlopen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter bewaren" }).ClickAsync();
        await page.GotoAsync("/backoffice/werkvoorraad");
        await page.GetByTestId("saved-filters").GetByRole(AriaRole.Link, new() { Name = "Hoog en verlopen" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Alleen met verlopen termijn")).ToBeCheckedAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-worklist-saved-filter");
        await page.SetViewportSizeAsync(320, 640);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the worklist scrolls sideways at 320 px");
    }

    [Fact]
    public async Task The_privacy_officer_reads_the_access_log_and_finds_a_persons_reports_with_no_accessibility_violations()
    {
        var bsn = TestBsn.Next();
        await fixture.App.FileReportAsync(bsn);
        var officer = await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.PrivacyOfficer]);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await SignInAsync(page, officer);

        await page.GetByRole(AriaRole.Link, new() { Name = "Toegangslog" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("access-log")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-access-log");
        await page.GetByRole(AriaRole.Link, new() { Name = "Inzageverzoek" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoek meldingen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Vul een geldig BSN in");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-person-file-errors");
        await page.GetByLabel("Burgerservicenummer (BSN)").FillAsync(bsn);
        await page.GetByLabel("Reden").FillAsync("Inzageverzoek per brief");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoek meldingen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("person-reports")).ToBeVisibleAsync();
        Assert.DoesNotContain(bsn, page.Url, StringComparison.Ordinal);
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-person-file-found");
        await page.SetViewportSizeAsync(320, 640);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the access request page scrolls sideways at 320 px");

        await page.SetViewportSizeAsync(1280, 800);
        await page.GetByRole(AriaRole.Link, new() { Name = "Bewaartermijnen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("retention-due")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-retention");
        await page.SetViewportSizeAsync(320, 640);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the retention page scrolls sideways at 320 px");
    }

    [Fact]
    public async Task The_final_decision_shows_the_agreement_and_provisions_are_ticked_with_no_accessibility_violations()
    {
        var intake = await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.IntakeStaff]);
        var member = await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.CommitteeMember]);
        var bsn = TestBsn.Next();
        await fixture.App.AddToRegisterAsync(bsn);
        var caseId = await fixture.App.FileReportAsync(bsn);
        // To a final decision by steps taken directly (the staff pages of these steps are tested elsewhere).
        await fixture.App.WithDbAsync(db =>
        {
            db.Advices.Add(new Herstelmeldpunt.Web.Cases.Decisions.Advice { Id = caseId, AuthorId = "member-1", NoAdditionalHelp = true, NoAdditionalHelpReasons = "Al hersteld.", ForThePerson = "Uw uitkering is al hersteld.", UpdatedAt = fixture.App.Clock.GetUtcNow().UtcDateTime });
            return db.SaveChangesAsync();
        });
        var today = Herstelmeldpunt.Web.Common.AmsterdamTime.Today(fixture.App.Clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await StepAsync(caseId, "route_to_committee", "intake-1", StaffRoles.IntakeStaff, ("urgency", "High"), ("assignee", member.Id));
        await StepAsync(caseId, "submit_advice", "member-1", StaffRoles.CommitteeChair);
        await StepAsync(caseId, "approve_advice", "chair-1", StaffRoles.CommitteeChair);
        await StepAsync(caseId, "propose_decision", "smz-1", StaffRoles.SmzDecisionMaker, ("adopts_advice", "no"), ("deviation_reasons", "Herstel gaat voor."), ("decided_instead", "De uitkering herstellen vanaf 1 maart 2024."));
        await StepAsync(caseId, "record_conversation", "kcc-1", StaffRoles.CustomerContact, ("conversation_date", today), ("outcome", "Besproken."), ("agreement", "yes"), ("financial_consequences_explained", "yes"));
        await StepAsync(caseId, "finalise_decision", "smz-1", StaffRoles.SmzDecisionMaker);

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await SignInAsync(page, intake);
        await page.GotoAsync($"/backoffice/meldingen/{caseId}/stap/provisions_carried_out");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-provisions");
        await page.GetByLabel("Toelichting").FillAsync("Betaald op 2 december.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorzieningen zijn uitgevoerd" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Vink aan dat deze voorziening is uitgevoerd");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "bo-provisions-error");
        await page.GetByLabel("De uitkering herstellen vanaf 1 maart 2024.", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorzieningen zijn uitgevoerd" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("melding=stap$"));
    }

    private Task StepAsync(Guid caseId, string transition, string userId, string role, params (string Field, string? Value)[] data) => fixture.StepAsync(caseId, transition, userId, role, data);

    private Task SignInAsync(IPage page, StaffAccount account) => fixture.SignInStaffAsync(page, account);
}
