using System.Security.Claims;
using Herstelmeldpunt.Web.Cases.Complaints;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// The pages beside the case's steps that the case page links to for the signed-in member of staff, and its flag: the
/// person's view and the objection (the directorate), recording a complaint from a call (intake, customer contact), and
/// whether a complaint about the case was upheld.
/// </summary>
public sealed record CaseSidePages(bool ViewPoints, bool Objection, bool RecordComplaint, bool UpheldComplaint)
{
    public static async Task<CaseSidePages> ReadAsync(AppDbContext db, ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var decisionMaker = user.IsInRole(StaffRoles.SmzDecisionMaker);
        return new CaseSidePages(
            decisionMaker && await ViewPointsModel.AnyAsync(db, caseId, cancellationToken),
            decisionMaker && await db.Objections.AnyAsync(o => o.CaseId == caseId, cancellationToken),
            user.IsInRole(StaffRoles.IntakeStaff) || user.IsInRole(StaffRoles.CustomerContact),
            await db.Complaints.Where(c => c.CaseId == caseId).AnyAsync(Complaint.IsUpheld, cancellationToken));
    }
}
