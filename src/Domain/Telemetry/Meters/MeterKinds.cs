namespace TokenFactoryTwin.Domain.Telemetry.Meters;

public static class MeterKinds
{
    public const string PowerKw = "powerKw";
    public const string InOctets = "inOctets";
    public const string OutOctets = "outOctets";
    public const string Up = "up";

    /// <summary>The target name of the facility's own meter.</summary>
    public const string FacilityTarget = "facility";

    public static string PowerNodeTarget(string nodeId) => $"power:{nodeId}";

    public static string LinkTarget(string linkId) => $"link:{linkId}";
}
