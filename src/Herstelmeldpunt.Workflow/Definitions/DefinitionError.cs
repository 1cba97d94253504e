namespace Herstelmeldpunt.Workflow.Definitions;

/// <summary>One problem in a definition file: where (file, line, JSON path) and what.</summary>
public sealed record DefinitionError(string File, int? Line, string Place, string Problem)
{
    public override string ToString() => $"{File}{(Line is { } l ? $":{l}" : string.Empty)}: {Place}: {Problem}";
}

/// <summary>Thrown at start-up when any definition is invalid; the app does not start with a broken process.</summary>
public sealed class WorkflowDefinitionException : Exception
{
    public WorkflowDefinitionException()
        : this([])
    {
    }

    public WorkflowDefinitionException(string message)
        : base(message)
    {
        Errors = [];
    }

    public WorkflowDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public WorkflowDefinitionException(IReadOnlyList<DefinitionError> errors)
        : base("Invalid workflow definition:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
    {
        Errors = errors;
    }

    public IReadOnlyList<DefinitionError> Errors { get; }
}
