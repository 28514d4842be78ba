namespace TokenFactoryTwin.Domain.Telemetry.Otlp;

/// <summary>What an OTLP ExportMetricsServiceRequest held besides the readings it gave the mapper.</summary>
public sealed class OtlpExportSummary
{
    public int Metrics { get; internal set; }

    public int DataPoints { get; internal set; }

    /// <summary>Histogram, exponential-histogram and summary points: valid OTLP the twin does not use.</summary>
    public int Unsupported { get; internal set; }

    /// <summary>Points that could not be read (no value, bad time); they count as rejected in the partial success.</summary>
    public int Rejected { get; internal set; }

    /// <summary>
    /// The <c>host.name</c> of the first readable point: an exporter's resource names the host its inference server
    /// runs on, which owns the server's token counters.
    /// </summary>
    public string? FirstHost { get; internal set; }
}
