namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>
/// Base of the case-process test classes. Tests of one class share an app and its clock; each starts at
/// the same moment (Monday 23 November 2026, 10:30 Dutch time), so dates in assertions hold in any order.
/// </summary>
public abstract class CaseTestBase
{
    protected CaseTestBase(AppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        App = app;
        app.Clock.AdjustTime(AppFactory.DefaultNow); // back to the start: AdjustTime may go back, SetUtcNow may not
    }

    protected AppFactory App { get; }

    /// <summary>Step fields by name, as the definition names them.</summary>
    protected static Dictionary<string, string?> D(params (string Key, string? Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);
}
