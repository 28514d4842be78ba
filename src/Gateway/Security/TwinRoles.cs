namespace TokenFactoryTwin.Gateway.Security;

/// <summary>The roles an API key can hold, and the authorization policies writes require.</summary>
public static class TwinRoles
{
    public const string Ingest = "ingest";
    public const string Planner = "planner";
    public const string Admin = "admin";

    /// <summary>Policy names: each accepts its own role and <see cref="Admin"/>.</summary>
    public const string IngestPolicy = "ingest";
    public const string PlannerPolicy = "planner";
    public const string AdminPolicy = "admin";

    public static readonly string[] All = [Ingest, Planner, Admin];
}
