using System.Text;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Protobuf;

namespace TokenFactoryTwin.Domain.Telemetry.Otlp;

/// <summary>
/// Reads an OTLP ExportMetricsServiceRequest in its protobuf encoding (OTLP/HTTP <c>application/x-protobuf</c> and
/// OTLP/gRPC alike) into the <see cref="TelemetryMapper"/>, straight from the bytes: what it hands the mapper, and what
/// it counts and refuses, is what <see cref="OtlpJsonParser"/> does for the same request in JSON (both go through
/// <see cref="OtlpPoints"/>). Field numbers are opentelemetry-proto's (see <c>src/Domain/Protos</c>).
/// </summary>
public static class OtlpProtobufParser
{
    /// <summary>The label names the mapper reads, as UTF-8, to compare with attribute keys without decoding them.</summary>
    private static readonly byte[][] KeysRead = [.. SeriesLabels.Keys.Select(Encoding.UTF8.GetBytes)];

    /// <exception cref="ProtobufFormatException">The body is not an export request (truncated, a length past its end …).</exception>
    public static OtlpExportSummary Parse(ReadOnlySpan<byte> request, TelemetryMapper mapper)
    {
        var summary = new OtlpExportSummary();
        var scratch = new Utf8Scratch();
        var reader = new ProtoReader(request);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && reader.Is(wire, WireType.LengthDelimited))
            {
                ReadResource(reader.ReadBytes(), summary, mapper, scratch);
            }
            else if (field != 1)
            {
                reader.Skip(wire);
            }
        }

        return summary;
    }

    /// <summary>ResourceMetrics: its resource's labels first (wherever the field comes), then its scopes' metrics.</summary>
    private static void ReadResource(ReadOnlySpan<byte> resourceMetrics, OtlpExportSummary summary, TelemetryMapper mapper, Utf8Scratch scratch)
    {
        var resourceLabels = new List<KeyValuePair<string, string>>();
        var reader = new ProtoReader(resourceMetrics);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && reader.Is(wire, WireType.LengthDelimited))
            {
                var resource = new ProtoReader(reader.ReadBytes());
                while (resource.Next(out var f, out var w))
                {
                    if (f == 1 && resource.Is(w, WireType.LengthDelimited))
                    {
                        scratch.Reset();
                        if (ReadAttribute(resource.ReadBytes(), scratch, out var key, out var value))
                        {
                            resourceLabels.Add(new(key, value.ToString()));
                        }
                    }
                    else if (f != 1)
                    {
                        resource.Skip(w);
                    }
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        var labels = resourceLabels.ToArray();
        reader = new ProtoReader(resourceMetrics);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 2 && reader.Is(wire, WireType.LengthDelimited))
            {
                var scope = new ProtoReader(reader.ReadBytes());
                while (scope.Next(out var f, out var w))
                {
                    if (f == 2 && scope.Is(w, WireType.LengthDelimited))
                    {
                        ReadMetric(scope.ReadBytes(), summary, mapper, scratch, labels);
                    }
                    else if (f != 2)
                    {
                        scope.Skip(w);
                    }
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }
    }

    private static void ReadMetric(
        ReadOnlySpan<byte> metric, OtlpExportSummary summary, TelemetryMapper mapper, Utf8Scratch scratch, KeyValuePair<string, string>[] resourceLabels)
    {
        summary.Metrics++;
        var name = "";
        ReadOnlySpan<byte> data = default;
        var kind = 0;
        var reader = new ProtoReader(metric);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when reader.Is(wire, WireType.LengthDelimited):
                    name = Encoding.UTF8.GetString(reader.ReadBytes());
                    break;
                // gauge, sum, histogram, exponential histogram, summary: one of them (the last one sent wins).
                case 5 or 7 or 9 or 10 or 11 when reader.Is(wire, WireType.LengthDelimited):
                    data = reader.ReadBytes();
                    kind = field;
                    break;
                case 1 or 5 or 7 or 9 or 10 or 11:
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (kind is 9 or 10 or 11)
        {
            OtlpPoints.Unused(summary, CountPoints(data));
            return;
        }

        if (kind == 0)
        {
            return;
        }

        var mapped = MetricNames.TryGet(name, out var reading);
        var delta = kind == 7 && mapped && IsDelta(data);
        reader = new ProtoReader(data);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && reader.Is(wire, WireType.LengthDelimited))
            {
                ReadPoint(reader.ReadBytes(), summary, mapper, scratch, resourceLabels, name, mapped, reading, delta);
            }
            else if (field != 1)
            {
                reader.Skip(wire);
            }
        }
    }

    private static void ReadPoint(
        ReadOnlySpan<byte> point, OtlpExportSummary summary, TelemetryMapper mapper, Utf8Scratch scratch,
        KeyValuePair<string, string>[] resourceLabels, string name, bool mapped, GpuMetrics reading, bool delta)
    {
        scratch.Reset();
        var labels = default(SeriesLabels);
        var value = 0.0;
        var hasValue = false;
        ulong nanos = 0;
        var reader = new ProtoReader(point);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 7 when reader.Is(wire, WireType.LengthDelimited):
                    if (ReadAttribute(reader.ReadBytes(), scratch, out var key, out var text))
                    {
                        labels.Offer(key, text);
                    }

                    break;
                case 3 when reader.Is(wire, WireType.Fixed64):
                    nanos = reader.ReadFixed64();
                    break;
                case 4 when reader.Is(wire, WireType.Fixed64):
                    value = reader.ReadDouble();
                    hasValue = true;
                    break;
                case 6 when reader.Is(wire, WireType.Fixed64):
                    value = (long)reader.ReadFixed64();
                    hasValue = true;
                    break;
                case 3 or 4 or 6 or 7:
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        foreach (var (key, text) in resourceLabels)
        {
            labels.Offer(key, text);
        }

        var problem = delta ? OtlpPoints.Delta
            : !hasValue ? OtlpPoints.NoValue
            : nanos > long.MaxValue ? OtlpPoints.BadTime
            : null;
        OtlpPoints.Take(summary, mapper, name, mapped, reading, problem, value, OtlpPoints.Milliseconds(nanos), labels);
    }

    /// <summary>A KeyValue whose key the mapper reads and whose value is a scalar: its key and its value as text.</summary>
    private static bool ReadAttribute(ReadOnlySpan<byte> keyValue, Utf8Scratch scratch, out string key, out ReadOnlySpan<char> text)
    {
        key = "";
        text = default;
        var known = -1;
        ReadOnlySpan<byte> anyValue = default;
        var hasValue = false;
        var reader = new ProtoReader(keyValue);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && reader.Is(wire, WireType.LengthDelimited))
            {
                known = KnownKey(reader.ReadBytes());
            }
            else if (field == 2 && reader.Is(wire, WireType.LengthDelimited))
            {
                anyValue = reader.ReadBytes();
                hasValue = true;
            }
            else if (field is not (1 or 2))
            {
                reader.Skip(wire);
            }
        }

        if (known < 0 || !hasValue || !TryScalar(anyValue, scratch, out text))
        {
            return false;
        }

        key = SeriesLabels.Keys[known];
        return true;
    }

    private static int KnownKey(ReadOnlySpan<byte> key)
    {
        for (var k = 0; k < KeysRead.Length; k++)
        {
            if (key.SequenceEqual(KeysRead[k]))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>A string, bool, int or double AnyValue as text, as the JSON parser renders the same value.</summary>
    private static bool TryScalar(ReadOnlySpan<byte> anyValue, Utf8Scratch scratch, out ReadOnlySpan<char> text)
    {
        text = default;
        var found = false;
        var reader = new ProtoReader(anyValue);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when reader.Is(wire, WireType.LengthDelimited):
                    text = scratch.Decode(reader.ReadBytes());
                    found = true;
                    break;
                case 2 when reader.Is(wire, WireType.Varint):
                    text = reader.ReadVarint() != 0 ? "true" : "false";
                    found = true;
                    break;
                case 3 when reader.Is(wire, WireType.Varint):
                    text = scratch.Format((long)reader.ReadVarint());
                    found = true;
                    break;
                case 4 when reader.Is(wire, WireType.Fixed64):
                    text = scratch.Format(reader.ReadDouble());
                    found = true;
                    break;
                case 1 or 2 or 3 or 4:
                    break;
                default:
                    // Arrays, key-value lists and bytes name no GPU or host; a later scalar would still win.
                    reader.Skip(wire);
                    found = false;
                    break;
            }
        }

        return found;
    }

    private static bool IsDelta(ReadOnlySpan<byte> sum)
    {
        var delta = false;
        var reader = new ProtoReader(sum);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 2 && reader.Is(wire, WireType.Varint))
            {
                delta = reader.ReadVarint() == OtlpPoints.DeltaTemporality;
            }
            else if (field != 2)
            {
                reader.Skip(wire);
            }
        }

        return delta;
    }

    private static int CountPoints(ReadOnlySpan<byte> data)
    {
        var count = 0;
        var reader = new ProtoReader(data);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == WireType.LengthDelimited)
            {
                count++;
            }

            reader.Skip(wire);
        }

        return count;
    }
}
