using System.Net.Http.Headers;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using Prometheus.Prompb;
using Snappier;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>Request bodies in the binary formats, encoded by protobuf's and snappy's own libraries.</summary>
public static class WireBodies
{
    private static readonly JsonParser Lenient = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>An OTLP/JSON export request re-encoded as protobuf.</summary>
    public static byte[] Otlp(string json) => Lenient.Parse<ExportMetricsServiceRequest>(json).ToByteArray();

    public static ByteArrayContent Protobuf(byte[] bytes, string? encoding = null)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        return content;
    }

    /// <summary>A remote-write POST's body and headers, as Prometheus sends them.</summary>
    public static ByteArrayContent RemoteWrite(byte[] uncompressed)
    {
        var content = Protobuf(Snappy.CompressToArray(uncompressed), "snappy");
        content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        return content;
    }

    /// <summary>A capture as a Prometheus server forwards it: a series per line, the target's labels added, one sample at <paramref name="ms"/>.</summary>
    public static WriteRequest Forwarded(string text, long ms, params (string Name, string Value)[] targetLabels)
    {
        var points = new List<MetricPoint>();
        PrometheusTextParser.Parse(text, null, points, []);
        var request = new WriteRequest();
        foreach (var point in points)
        {
            var series = new TimeSeries();
            series.Labels.Add(new Label { Name = "__name__", Value = point.Name });
            series.Labels.Add(point.Labels.Select(l => new Label { Name = l.Key, Value = l.Value }));
            series.Labels.Add(targetLabels.Select(l => new Label { Name = l.Name, Value = l.Value }));
            series.Samples.Add(new Sample { Value = point.Value, Timestamp = ms });
            request.Timeseries.Add(series);
        }

        return request;
    }
}
