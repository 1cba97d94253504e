namespace Herstelmeldpunt.Web.Intake;

/// <summary>The size limits of a posted report form (public and staff), the documents on its check page included.</summary>
public static class IntakeLimits
{
    /// <summary>
    /// The answers fit easily in 64 KB (the description is at most 4000 characters; each value at most
    /// 16 KB, at most 60 values); the rest is room for the documents sent on the check page: 10 of 10 MB.
    /// </summary>
    public const int MaxRequestBytes = (64 * 1024) + (105 * 1024 * 1024);
    public const int MaxValueBytes = 16 * 1024;
    public const int MaxValueCount = 60;
}
