namespace TokenFactoryTwin.Domain.Kpis;

/// <summary>A facility meter's reading: the whole site's power at an instant.</summary>
public sealed record MeterReading(double PowerKw, DateTimeOffset At);
