using System.Security.Claims;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Staff;

public static class StaffActor
{
    /// <summary>The signed-in member of staff as the workflow engine sees them.</summary>
    public static Actor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Actor(
            user.FindFirstValue(ClaimTypes.NameIdentifier),
            user.FindFirstValue("name") ?? user.Identity?.Name ?? "?",
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet());
    }
}
