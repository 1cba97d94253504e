using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>Intent-named steps through the public intake form over HTTP, as a browser without JavaScript would take them.</summary>
public sealed class IntakeJourney(AppFactory app)
{
    public const string ValidBsn = "111222333";

    public HttpClient Client { get; } = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = app.ClientOptions.BaseAddress });

    /// <summary>Answers that pass validation; a test changes what it is about.</summary>
    public static Dictionary<string, string?> ValidAnswers(string fullName = "Jan Jansen") => new()
    {
        ["Form.FilingFor"] = "self",
        ["Form.FullName"] = fullName,
        ["Form.Bsn"] = ValidBsn,
        ["Form.BirthDay"] = "27",
        ["Form.BirthMonth"] = "3",
        ["Form.BirthYear"] = "1968",
        ["Form.Email"] = "jan@example.nl",
        ["Form.Phone"] = "06 12345678",
        ["Form.PreferredChannel"] = "Phone",
        ["Form.PreferredTime"] = "Morning",
        ["Form.FinancialTrouble"] = "true",
        ["Form.EmotionalTrouble"] = "true",
        ["Form.Description"] = "Mijn uitkering stopte na de herbeoordeling en ik slaap slecht.",
        ["Form.NoIncome"] = "yes",
        ["Form.DebtCollectionOrEviction"] = "no",
        ["Form.CrisisOrDanger"] = "no",
        ["Form.Consent"] = "true",
    };

    public Task<HtmlPage> OpenFormAsync() => Client.GetPageAsync("/melden");

    public async Task<HtmlPage> ContinueAsync(IReadOnlyDictionary<string, string?> answers)
    {
        var form = await OpenFormAsync();
        return await Client.PostFormAsync(form, "/melden?handler=Review", answers);
    }

    public Task<HtmlPage> SendAsync(HtmlPage reviewPage) => Client.PostFormAsync(reviewPage, "/melden?handler=Submit");

    /// <summary>Form, check page, send, receipt: returns the receipt page.</summary>
    public async Task<HtmlPage> FileReportAsync(IReadOnlyDictionary<string, string?> answers)
    {
        var review = await ContinueAsync(answers);
        if (review.H1 is not ("Controleer uw antwoorden" or "Check your answers"))
        {
            throw new InvalidOperationException($"Expected the check page, got '{review.H1}': {string.Join(", ", review.ErrorSummaryTexts)}");
        }

        var sent = await SendAsync(review);
        if (sent.Status == HttpStatusCode.OK && sent.Document.QuerySelector("[data-testid=reference]") is not null)
        {
            return sent; // a client on a real server (browser tests) has already followed the redirect
        }

        if (sent.Status != HttpStatusCode.Redirect || sent.Location is null)
        {
            throw new InvalidOperationException($"Expected a redirect to the receipt, got {(int)sent.Status}: {sent.H1} {string.Join(", ", sent.ErrorSummaryTexts)}");
        }

        return await Client.GetPageAsync(sent.Location.OriginalString);
    }
}
