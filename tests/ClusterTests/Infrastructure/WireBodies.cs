using System.Net.Http.Headers;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using Snappier;

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
}
