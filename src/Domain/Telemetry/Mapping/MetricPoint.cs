namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>
/// One parsed series value in a format-neutral shape, so Prometheus text and OTLP feed the same mapper.
/// <see cref="TimestampMs"/> is null when the source gave none (Prometheus scrapes usually do not).
/// </summary>
public readonly record struct MetricPoint(
    string Name,
    KeyValuePair<string, string>[] Labels,
    double Value,
    long? TimestampMs,
    int Line)
{
    public string? Label(string name)
    {
        foreach (var label in Labels)
        {
            if (label.Key == name)
            {
                return label.Value;
            }
        }

        return null;
    }
}
