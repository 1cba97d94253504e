using Herstelmeldpunt.Web.Cases.Complaints;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Cases.Views;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages;

/// <summary>
/// How fast the reporting point answers and how to complain (issue 30 item 6). Every number on the page is read from
/// the setting or the rule that the service itself keeps, so the page cannot promise what the process does not do.
/// </summary>
public sealed class ServiceNormsModel(DecisionTermOptions decisionTerm, ViewTermOptions viewTerm, Reporters.ReportingPointContact contact) : PageModel
{
    public int DecisionWorkingDays => decisionTerm.WorkingDays;

    public int DecisionExtensionWorkingDays => decisionTerm.MaxExtensionWorkingDays;

    public int ViewDays => viewTerm.Days;

    public int ObjectionDays => ObjectionTerm.Days;

    public int ComplaintDays => Complaint.TermDays;

    public int ComplaintExtensionDays => Complaint.ExtensionDays;

    /// <summary>"My situation got worse" is looked at within this many working days (<see cref="Cases.Retriage.SituationReport"/>).</summary>
    public const int WorseWorkingDays = 1;

    public Reporters.ReportingPointContact Contact => contact;

    public void OnGet()
    {
    }
}
