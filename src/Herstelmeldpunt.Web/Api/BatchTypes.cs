namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// Marks an operation whose body is a CSV file, for the OpenAPI document (<see cref="ApiDocument"/>). Not
/// <c>Accepts</c>: that makes routing pass a request with another content type to the catch-all (a 404) instead of
/// letting the endpoint answer "send text/csv" (a 400).
/// </summary>
public sealed class CsvBody;

/// <summary>A batch file once processed: its hash per client and the answer, so the same file again changes nothing.</summary>
public sealed class ApiBatch
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    public string Kind { get; set; } = string.Empty;

    /// <summary>SHA-256 of the file (hex).</summary>
    public string FileHash { get; set; } = string.Empty;

    public int Rows { get; set; }

    /// <summary>The answer given (row results: ids and outcomes, no personal data).</summary>
    public string Result { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }
}

/// <summary>One row's outcome: accepted (applied now), unchanged (applied by an earlier file) or refused, with the problems.</summary>
public sealed record BatchRow(int Line, string? Key, string Outcome, Guid? CaseId, string? ReferenceNumber, IReadOnlyList<InvalidParam> Problems);

public sealed record BatchResult(Guid BatchId, int Accepted, int Unchanged, int Refused, IReadOnlyList<BatchRow> Rows);

/// <summary>The file is refused as a whole: nothing was applied; <see cref="Rows"/> says per row what is wrong.</summary>
public sealed record BatchProblem(string Type, string Title, int Status, string Detail, string Instance, IReadOnlyList<BatchRow> Rows);
