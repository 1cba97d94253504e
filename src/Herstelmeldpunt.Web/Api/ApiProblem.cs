using System.Text.Json.Serialization;
using Herstelmeldpunt.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// An error as application/problem+json (RFC 9457, API Design Rules "problem-details"): status, title and
/// detail in the caller's language (Accept-Language; Dutch unless English is asked for), and for invalid
/// input every problem at once in <see cref="InvalidParams"/>. OAuth errors also carry <see cref="Error"/>.
/// </summary>
public sealed record ApiProblem(
    string Type,
    string Title,
    int Status,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Instance = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<InvalidParam>? InvalidParams = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null)
{
    public const string ContentType = "application/problem+json";

    /// <summary>The problem for a text key: title from "{key}.Title", detail from "{key}".</summary>
    public static ApiProblem Create(HttpContext http, int status, string key, IReadOnlyList<InvalidParam>? invalidParams = null, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var texts = http.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
        return new ApiProblem("about:blank", texts[key + ".Title"], status, texts[key], http.Request.Path, invalidParams, error);
    }

    public static IResult Result(HttpContext http, int status, string key, IReadOnlyList<InvalidParam>? invalidParams = null, string? error = null) =>
        TypedResults.Json(Create(http, status, key, invalidParams, error), contentType: ContentType, statusCode: status);

    /// <summary>400 with every field problem; the reasons are the app's own texts in the caller's language.</summary>
    public static IResult Invalid(HttpContext http, IEnumerable<(string Name, string Code, string MessageKey)> problems)
    {
        ArgumentNullException.ThrowIfNull(http);
        var texts = http.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
        var list = problems.Select(p => new InvalidParam("about:blank", p.Name, p.Code, texts[p.MessageKey])).ToList();
        return Result(http, StatusCodes.Status400BadRequest, "Api.Problem.InvalidInput", list);
    }

    public static async Task WriteAsync(HttpContext http, int status, string key, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(Create(http, status, key, null, error), ApiJson.Options, ContentType, http.RequestAborted);
    }
}

/// <summary>One invalid field (API Design Rules: name, code, reason).</summary>
public sealed record InvalidParam(string Type, string Name, string Code, string Reason);

public static class ApiJson
{
    /// <summary>camelCase, enums as camelCase strings, nulls written: what every endpoint answers with.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Options = Configure(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));

    public static System.Text.Json.JsonSerializerOptions Configure(System.Text.Json.JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All); // "é" as é; <, > and & stay escaped
        return options;
    }
}
