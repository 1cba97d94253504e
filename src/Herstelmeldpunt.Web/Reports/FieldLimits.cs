namespace Herstelmeldpunt.Web.Reports;

/// <summary>Maximum lengths shared by the database schema and the form validators.</summary>
public static class FieldLimits
{
    public const int Name = 200;
    public const int Email = 254;
    public const int Phone = 30;
    public const int Relation = 100;
    /// <summary>Every long free text (a description, an answer, a note, a reason): one limit, the workflow's long-text field's.</summary>
    public const int LongText = Herstelmeldpunt.Workflow.Engine.WorkflowEngine.LongTextMax;
    public const int Description = LongText;
    public const int StaffReason = 1000;
    public const int Team = 100;
    public const int Street = 200;
    public const int Postcode = 10;
    public const int City = 100;
}
