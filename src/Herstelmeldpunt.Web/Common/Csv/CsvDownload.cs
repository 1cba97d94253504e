using Microsoft.AspNetCore.Mvc;

namespace Herstelmeldpunt.Web.Common.Csv;

/// <summary>
/// A CSV file as a download, written row by row as the rows are read (<see cref="CsvWriter.WriteAsync"/>): an export
/// of a million rows never sits in the node's memory whole. Stops when the client goes away.
/// </summary>
public sealed class CsvDownload(string fileName, IAsyncEnumerable<IReadOnlyList<object?>> rows) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await CsvWriter.WriteAsync(response.Body, rows, context.HttpContext.RequestAborted);
    }
}
