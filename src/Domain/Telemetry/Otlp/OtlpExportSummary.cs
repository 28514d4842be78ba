using TokenFactoryTwin.Domain.Telemetry.Mapping;

namespace TokenFactoryTwin.Domain.Telemetry.Otlp;

/// <summary>What an OTLP ExportMetricsServiceRequest held: its gauge and sum points, and what was left out.</summary>
public sealed class OtlpMetricsBatch
{
    public List<MetricPoint> Points { get; } = [];

    public int Metrics { get; set; }

    public int DataPoints { get; set; }

    /// <summary>Histogram, exponential-histogram and summary points: valid OTLP the twin does not use.</summary>
    public int Unsupported { get; set; }

    /// <summary>Points that could not be read (no value, bad time); they count as rejected in the partial success.</summary>
    public int Rejected { get; set; }

    public List<ParseIssue> Issues { get; } = [];
}
