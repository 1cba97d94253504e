namespace Herstelmeldpunt.Web.Reports;

/// <summary>Maximum lengths shared by the database schema and the form validators.</summary>
public static class FieldLimits
{
    public const int Name = 200;
    public const int Email = 254;
    public const int Phone = 30;
    public const int Relation = 100;
    public const int Description = 4000;
    public const int StaffReason = 1000;
    public const int Team = 100;
    public const int Street = 200;
    public const int Postcode = 10;
    public const int City = 100;
}
