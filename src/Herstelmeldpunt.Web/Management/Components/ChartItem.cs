namespace Herstelmeldpunt.Web.Management.Components;

/// <summary>One bar: a stable key (for tests and CSS), the label people read, and the value.</summary>
public sealed record ChartItem(string Key, string Label, double Value);
