namespace TokenFactoryTwin.Domain.Telemetry.Meters;

/// <summary>
/// Switch-port series as snmp_exporter serves them (IF-MIB): octet counters and operational status, whose
/// <see cref="Label"/> value (e.g. <c>ifName</c>) names a port, mapped to a twin network link by <see cref="Links"/>.
/// Several ports may map to one link (a bundle): their traffic adds up.
/// </summary>
public sealed class PortRule
{
    public string InOctets { get; set; } = "ifHCInOctets";

    public string OutOctets { get; set; } = "ifHCOutOctets";

    public string Status { get; set; } = "ifOperStatus";

    public string Label { get; set; } = "ifName";

    public Dictionary<string, string> Links { get; set; } = [];
}
