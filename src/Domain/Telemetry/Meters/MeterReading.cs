namespace TokenFactoryTwin.Domain.Telemetry.Meters;

/// <summary>
/// One meter value for one twin target: a power node's or the facility's kW (<see cref="MeterKinds.PowerKw"/>),
/// a port's octet counter (<see cref="MeterKinds.InOctets"/>, <see cref="MeterKinds.OutOctets"/>, keyed by
/// <see cref="Port"/>), or its status (<see cref="MeterKinds.Up"/>, 1 or 0).
/// </summary>
public readonly record struct MeterReading(string Target, string Kind, string? Port, double Value, long TimestampMs);
