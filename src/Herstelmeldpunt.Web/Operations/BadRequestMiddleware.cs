namespace Herstelmeldpunt.Web.Operations;

/// <summary>
/// Oversized or malformed requests (a body over the limit, a form that cannot be read) answer 400
/// with the plain error page, never a stack trace, and nothing is stored: they fail before any handler runs.
/// </summary>
public sealed partial class BadRequestMiddleware(RequestDelegate next, ILogger<BadRequestMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (IsClientError(exception) && !context.Response.HasStarted)
        {
            LogRejected(context.Request.Method, context.Request.Path, exception.GetType().Name);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    private static bool IsClientError(Exception exception) => exception switch
    {
        BadHttpRequestException => true,
        InvalidDataException => true,
        Microsoft.AspNetCore.Mvc.ModelBinding.ValueProviderException => true,
        _ => exception.InnerException is not null && IsClientError(exception.InnerException),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a malformed {Method} request to {Path}: {Reason}")]
    private partial void LogRejected(string method, string path, string reason);
}
