using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>A response parsed as HTML, with what a browser would post from its forms.</summary>
public sealed class HtmlPage
{
    private static readonly HtmlParser Parser = new();

    private HtmlPage(HttpStatusCode status, string html, Uri? location)
    {
        Status = status;
        Html = html;
        Location = location;
        Document = Parser.ParseDocument(html);
    }

    public HttpStatusCode Status { get; }

    public string Html { get; }

    public Uri? Location { get; }

    public IHtmlDocument Document { get; }

    public string? H1 => Document.QuerySelector("h1")?.TextContent.Trim();

    public IReadOnlyList<string> ErrorSummaryLinks =>
        Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href") ?? string.Empty).ToList();

    public IReadOnlyList<string> ErrorSummaryTexts =>
        Document.QuerySelectorAll(".error-summary a").Select(a => a.TextContent.Trim()).ToList();

    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new HtmlPage(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
    }

    public string? ValueOf(string name) =>
        FormFields().LastOrDefault(f => f.Key == name).Value;

    /// <summary>The fields the form would send as it stands: hidden and text inputs, text areas, ticked boxes. Default: the first form in main.</summary>
    public List<KeyValuePair<string, string>> FormFields(string selector = "main form")
    {
        var form = Document.QuerySelector(selector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{selector}' on the page ({(int)Status}). Page:\n{Html}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Name is { Length: > 0 } name:
                    var type = input.Type.ToLowerInvariant();
                    if (type is "radio" or "checkbox")
                    {
                        if (input.IsChecked)
                        {
                            fields.Add(new(name, input.Value));
                        }
                    }
                    else if (type is not ("submit" or "button"))
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlTextAreaElement area when area.Name is { Length: > 0 } name:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }

        return fields;
    }
}

public static class HttpClientExtensions
{
    public static async Task<HtmlPage> GetPageAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return await HtmlPage.ReadAsync(response);
    }

    /// <summary>Posts the page's form to <paramref name="action"/>, with some fields replaced (null removes a field).</summary>
    public static async Task<HtmlPage> PostFormAsync(this HttpClient client, HtmlPage page, string action, IReadOnlyDictionary<string, string?>? changes = null, string formSelector = "main form")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(page);
        var fields = page.FormFields(formSelector);
        foreach (var (name, value) in changes ?? new Dictionary<string, string?>())
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        return await client.PostFieldsAsync(action, fields);
    }

    public static async Task<HtmlPage> PostFieldsAsync(this HttpClient client, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(action, UriKind.Relative), content);
        return await HtmlPage.ReadAsync(response);
    }

    /// <summary>Sends a form with files (multipart), as a browser does: the form's fields (the antiforgery token among them), these changes, and the files under "Files".</summary>
    public static async Task<HtmlPage> PostFilesAsync(this HttpClient client, HtmlPage page, string action, string formSelector, IEnumerable<(string Name, byte[] Content)> files, IReadOnlyDictionary<string, string?>? changes = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(page);
        using var content = new MultipartFormDataContent();
        var fields = page.FormFields(formSelector).Where(f => f.Key != "Files").ToList();
        foreach (var (key, value) in changes ?? new Dictionary<string, string?>())
        {
            fields.RemoveAll(f => f.Key == key);
            if (value is not null)
            {
                fields.Add(new(key, value));
            }
        }

        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "Files", name);
        }

        using var response = await client.PostAsync(new Uri(action, UriKind.Relative), content);
        return await HtmlPage.ReadAsync(response);
    }
}
