using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;

namespace TokenFactoryTwin.Domain.Telemetry.Otlp;

/// <summary>
/// The OTLP mapping both encodings share (JSON and protobuf differ only in how they decode): what a number point
/// becomes once its value, time and labels are read, which points are refused and why, and how the points of kinds
/// the twin does not use are counted.
/// </summary>
internal static class OtlpPoints
{
    public const string NoValue = "the data point has neither asDouble nor asInt";

    public const string BadTime = "timeUnixNano is not a non-negative 64-bit integer";

    /// <summary>
    /// The twin derives rates from cumulative counters (as Prometheus' <c>increase()</c> does); a delta point is an
    /// increment it cannot place on a counter without every earlier one.
    /// </summary>
    public const string Delta = "delta temporality is not accepted for the series the twin maps; export cumulative sums (OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=cumulative, the SDKs' default)";

    /// <summary>OTLP's aggregation temporality numbers.</summary>
    public const int DeltaTemporality = 1;

    /// <summary>Unix nanoseconds to the milliseconds the twin keeps; zero means "not set" in OTLP, and the receipt time stands in.</summary>
    public static long? Milliseconds(ulong nanos) => nanos == 0 ? null : (long)(nanos / 1_000_000);

    /// <summary>Points of histograms, exponential histograms and summaries: valid OTLP, counted, not used.</summary>
    public static void Unused(OtlpExportSummary summary, int points)
    {
        summary.DataPoints += points;
        summary.Unsupported += points;
    }

    /// <summary>One gauge or sum point, read: refused with its reason, ignored if its name is not mapped, else mapped.</summary>
    /// <param name="labels">The point's own attributes offered first, then its resource's.</param>
    public static void Take(
        OtlpExportSummary summary, TelemetryMapper mapper, string name, bool mapped, GpuMetrics reading, string? problem,
        double value, long? ms, scoped in SeriesLabels labels)
    {
        summary.DataPoints++;
        if (problem is not null)
        {
            summary.Rejected++;
            mapper.Refuse(0, $"{name}: {problem}");
            return;
        }

        if (summary.FirstHost is null && labels.TryGetHostName(out var host))
        {
            summary.FirstHost = host.ToString();
        }

        if (!mapped)
        {
            mapper.Ignore();
            return;
        }

        mapper.Map(reading, name, labels, value, ms, 0);
    }
}
