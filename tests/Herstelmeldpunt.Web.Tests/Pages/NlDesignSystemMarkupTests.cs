using AngleSharp.Dom;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages;

/// <summary>
/// Every form element on the forms people and staff fill in carries the NL Design System's documented markup (issue 31):
/// text boxes, text areas, selects, radio buttons and checkboxes in their form fields, buttons, fieldsets; the page
/// header, footer and skip link. The shared components are pinned by bUnit; this walks the pages that write markup inline.
/// </summary>
public sealed class NlDesignSystemMarkupTests(SqliteAppFactory app) : CaseTestBase(app), IClassFixture<SqliteAppFactory>
{
    private static IEnumerable<string> Problems(IDocument document, string page)
    {
        bool Has(IElement e, string cls) => e.ClassList.Contains(cls);
        foreach (var input in document.QuerySelectorAll("main input"))
        {
            var type = input.GetAttribute("type") ?? "text";
            var name = $"{page}: {input.OuterHtml[..Math.Min(120, input.OuterHtml.Length)]}";
            switch (type)
            {
                case "hidden" or "file":
                    break;
                case "radio":
                    if (!Has(input, "utrecht-radio-button") || input.Closest(".utrecht-form-field--radio") is null)
                    {
                        yield return name;
                    }

                    break;
                case "checkbox":
                    if (!Has(input, "utrecht-checkbox") || (input.Closest(".utrecht-form-field--checkbox") is null && input.Closest("td") is null))
                    {
                        yield return name;
                    }

                    break;
                default:
                    if (input.Closest("[aria-hidden=true]") is null && !(Has(input, "utrecht-textbox") && Has(input, "utrecht-textbox--html-input")))
                    {
                        yield return name;
                    }

                    break;
            }
        }

        foreach (var e in document.QuerySelectorAll("main textarea").Where(e => !Has(e, "utrecht-textarea")))
        {
            yield return $"{page}: textarea #{e.Id}";
        }

        foreach (var e in document.QuerySelectorAll("main select").Where(e => !Has(e, "utrecht-select")))
        {
            yield return $"{page}: select #{e.Id}";
        }

        foreach (var e in document.QuerySelectorAll("button").Where(e => !Has(e, "visually-hidden") && !Has(e, "utrecht-button") && !Has(e, "utrecht-link-button")))
        {
            yield return $"{page}: button '{e.TextContent.Trim()}'";
        }

        foreach (var e in document.QuerySelectorAll("main fieldset").Where(e => !Has(e, "utrecht-form-fieldset--html-fieldset")))
        {
            yield return $"{page}: fieldset";
        }

        foreach (var selector in new[] { "header.utrecht-page-header", "a.utrecht-skip-link" })
        {
            if (document.QuerySelector(selector) is null)
            {
                yield return $"{page}: no {selector}";
            }
        }
    }

    [Fact]
    public async Task Every_form_element_on_the_public_reporter_and_staff_forms_uses_the_components_markup()
    {
        var problems = new List<string>();
        var journey = new IntakeJourney(App);
        var form = await journey.OpenFormAsync();
        problems.AddRange(Problems(form.Document, "/melden"));
        Assert.NotNull(form.Document.QuerySelector("footer.utrecht-page-footer"));
        var errors = await journey.Client.PostFormAsync(form, "/melden?handler=Review", new Dictionary<string, string?> { ["Form.Bsn"] = "123" });
        problems.AddRange(Problems(errors.Document, "/melden with errors"));
        Assert.NotEmpty(errors.Document.QuerySelectorAll(".utrecht-form-field--invalid .utrecht-form-field-error-message"));
        var review = await journey.ContinueAsync(IntakeJourney.ValidAnswers("Opmaak Controle"));
        problems.AddRange(Problems(review.Document, "/melden check"));
        foreach (var path in new[] { "/klacht", "/mijn-melding/link-aanvragen" })
        {
            problems.AddRange(Problems((await journey.Client.GetPageAsync(path)).Document, path));
        }

        var receipt = await journey.SendAsync(review);
        var caseId = await App.WithDbAsync(db => db.Reports.OrderByDescending(r => r.ReceivedAt).Select(r => r.Id).FirstAsync());
        var reporter = new ReporterSession(App);
        await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "receipt"));
        foreach (var path in new[] { "/mijn-melding", "/mijn-melding/contact", "/mijn-melding/slechter", "/mijn-melding/terugbellen", "/mijn-melding/klacht", "/mijn-melding/intrekken" })
        {
            problems.AddRange(Problems((await reporter.Client.GetPageAsync(path)).Document, path));
        }

        var staff = await StaffSession.SignInAsNewAsync(App, [.. StaffRoles.All]);
        foreach (var path in new[] { "/backoffice/meldingen/nieuw", $"/backoffice/meldingen/{caseId}", $"/backoffice/meldingen/{caseId}/e-mailadres", $"/backoffice/meldingen/{caseId}/situatie", "/backoffice/meldingen/herverdelen", "/backoffice/meldingen", "/backoffice/dashboard", "/backoffice/afspraken", "/backoffice/beheer/accounts/uitnodigen" })
        {
            problems.AddRange(Problems((await staff.Client.GetPageAsync(path)).Document, path));
        }

        Assert.NotNull(receipt);
        Assert.True(problems.Count == 0, "Not in the NL Design System's markup:\n" + string.Join('\n', problems));
    }
}
