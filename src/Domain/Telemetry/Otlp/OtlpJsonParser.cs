using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using TokenFactoryTwin.Domain.Json;
using TokenFactoryTwin.Domain.Telemetry.Mapping;

namespace TokenFactoryTwin.Domain.Telemetry.Otlp;

/// <summary>
/// Reads an OTLP/HTTP JSON ExportMetricsServiceRequest (the protobuf JSON mapping: camelCase fields, int64 as
/// strings or numbers, enums as numbers) into the <see cref="TelemetryMapper"/>. Gauge and sum points of the names
/// the twin maps go to it with the labels it reads, a point's own attributes before its resource's; other point
/// kinds are counted, not used.
/// </summary>
public static class OtlpJsonParser
{
    /// <summary>The label names the mapper reads, as UTF-8, to compare with attribute keys without decoding them.</summary>
    private static readonly byte[][] KeysRead = [.. SeriesLabels.Keys.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Point kinds that are valid OTLP but carry no single value to map.</summary>
    private static readonly string[] UnusedKinds = ["histogram", "exponentialHistogram", "summary"];

    /// <summary>What a point without attributes has: an empty array, so every point's attributes read alike.</summary>
    private static readonly JsonElement NoAttributes = EmptyArray();

    /// <exception cref="JsonException">The body is not JSON or not the shape of an export request.</exception>
    public static OtlpExportSummary Parse(ReadOnlyMemory<byte> utf8Json, TelemetryMapper mapper)
    {
        // JSON's reader checks UTF-8 only when a string is decoded, and then throws InvalidOperationException: a body
        // with broken UTF-8 inside a string would fail mid-mapping instead of being refused as a whole.
        if (!Utf8.IsValid(utf8Json.Span))
        {
            throw new JsonException("the body is not valid UTF-8");
        }

        if (JsonEscapes.FindLoneSurrogate(utf8Json.Span) >= 0)
        {
            throw new JsonException(JsonEscapes.LoneSurrogateReason);
        }

        using var document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 32 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the body must be a JSON object with 'resourceMetrics'");
        }

        var summary = new OtlpExportSummary();
        if (!TryGetArray(root, "resourceMetrics", out var resources))
        {
            return summary;
        }

        foreach (var resource in resources.EnumerateArray())
        {
            ObjectOf(resource, "resourceMetrics");
            var resourceLabels = TryGetObject(resource, "resource", out var r) && TryGetArray(r, "attributes", out var ra)
                ? LabelsRead(ra)
                : [];
            if (!TryGetArray(resource, "scopeMetrics", out var scopes))
            {
                continue;
            }

            foreach (var scope in scopes.EnumerateArray())
            {
                if (!TryGetArray(ObjectOf(scope, "scopeMetrics"), "metrics", out var metrics))
                {
                    continue;
                }

                foreach (var metric in metrics.EnumerateArray())
                {
                    ReadMetric(summary, mapper, ObjectOf(metric, "metrics"), resourceLabels);
                }
            }
        }

        return summary;
    }

    private static void ReadMetric(OtlpExportSummary summary, TelemetryMapper mapper, JsonElement metric, KeyValuePair<string, string>[] resourceLabels)
    {
        summary.Metrics++;
        var name = metric.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        foreach (var kind in UnusedKinds)
        {
            if (TryGetObject(metric, kind, out var other) && TryGetArray(other, "dataPoints", out var otherPoints))
            {
                OtlpPoints.Unused(summary, otherPoints.GetArrayLength());
            }
        }

        JsonElement data;
        var isSum = false;
        if (!TryGetObject(metric, "gauge", out data) && !(isSum = TryGetObject(metric, "sum", out data)))
        {
            return;
        }

        if (!TryGetArray(data, "dataPoints", out var points))
        {
            return;
        }

        var mapped = MetricNames.TryGet(name, out var reading);
        var delta = isSum && mapped && IsDelta(data);
        foreach (var point in points.EnumerateArray())
        {
            ObjectOf(point, "dataPoints");
            var value = 0.0;
            long? ms = null;
            var problem = delta ? OtlpPoints.Delta : ReadPoint(point, out value, out ms);
            var labels = default(SeriesLabels);
            var attributes = TryGetArray(point, "attributes", out var a) ? a : NoAttributes;
            foreach (var attribute in attributes.EnumerateArray())
            {
                if (LabelRead(attribute) is { } label)
                {
                    labels.Offer(label.Key, label.Value);
                }
            }

            foreach (var (key, text) in resourceLabels)
            {
                labels.Offer(key, text);
            }

            OtlpPoints.Take(summary, mapper, name, mapped, reading, problem, value, ms, labels);
        }
    }

    /// <summary>The sum's temporality is delta: the number, or the enum's name as the JSON mapping may also write it.</summary>
    private static bool IsDelta(JsonElement sum) =>
        sum.TryGetProperty("aggregationTemporality", out var t)
        && (t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var number) && number == OtlpPoints.DeltaTemporality
            || t.ValueKind == JsonValueKind.String && t.ValueEquals("AGGREGATION_TEMPORALITY_DELTA"u8));

    private static string? ReadPoint(JsonElement point, out double value, out long? ms)
    {
        value = 0;
        ms = null;
        if (point.TryGetProperty("asDouble", out var d))
        {
            if (!TryDouble(d, out value))
            {
                return "asDouble is not a number";
            }
        }
        else if (point.TryGetProperty("asInt", out var i))
        {
            if (!TryInt64(i, out var whole))
            {
                return "asInt is not a 64-bit integer";
            }

            value = whole;
        }
        else
        {
            return OtlpPoints.NoValue;
        }

        if (point.TryGetProperty("timeUnixNano", out var t))
        {
            if (!TryInt64(t, out var nanos) || nanos < 0)
            {
                return OtlpPoints.BadTime;
            }

            ms = OtlpPoints.Milliseconds((ulong)nanos);
        }

        return null;
    }

    /// <summary>The attributes of the names the mapper reads (<see cref="SeriesLabels.Keys"/>); the others are not copied.</summary>
    private static KeyValuePair<string, string>[] LabelsRead(JsonElement attributes)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var attribute in attributes.EnumerateArray())
        {
            if (LabelRead(attribute) is { } label)
            {
                list.Add(label);
            }
        }

        return [.. list];
    }

    private static KeyValuePair<string, string>? LabelRead(JsonElement attribute)
    {
        if (!IsAttribute(attribute, out var key))
        {
            return null;
        }

        for (var k = 0; k < KeysRead.Length; k++)
        {
            if (key.ValueEquals(KeysRead[k]))
            {
                return TryGetObject(attribute, "value", out var value) && Scalar(value) is { } text ? new(SeriesLabels.Keys[k], text) : null;
            }
        }

        return null;
    }

    private static bool IsAttribute(JsonElement attribute, out JsonElement key)
    {
        key = default;
        return attribute.ValueKind == JsonValueKind.Object && attribute.TryGetProperty("key", out key) && key.ValueKind == JsonValueKind.String;
    }

    private static string? Scalar(JsonElement anyValue)
    {
        foreach (var property in anyValue.EnumerateObject())
        {
            return property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
        }

        return null;
    }

    private static bool TryDouble(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out value),
            // The JSON mapping writes NaN and infinities as strings; they parse here and are refused by the mapper.
            JsonValueKind.String => double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                || element.GetString() is "NaN" or "Infinity" or "-Infinity" && double.TryParse(element.GetString(), CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    private static bool TryInt64(JsonElement element, out long value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt64(out value),
            JsonValueKind.String => long.TryParse(element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    /// <summary>
    /// A member of an object that must be an array when present. JSON's null stands for an absent field, as the protobuf
    /// JSON mapping has it; any other kind is not an export request (400), not an <see cref="InvalidOperationException"/>
    /// from the reader halfway through mapping (500).
    /// </summary>
    private static bool TryGetArray(JsonElement parent, string name, out JsonElement array)
    {
        if (!parent.TryGetProperty(name, out array) || array.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return array.ValueKind == JsonValueKind.Array ? true : throw new JsonException($"'{name}' must be an array");
    }

    /// <summary>A member that must be an object (a protobuf message) when present; null is absent.</summary>
    private static bool TryGetObject(JsonElement parent, string name, out JsonElement message)
    {
        if (!parent.TryGetProperty(name, out message) || message.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return message.ValueKind == JsonValueKind.Object ? true : throw new JsonException($"'{name}' must be an object");
    }

    /// <summary>An element of a repeated message field: it must be an object.</summary>
    private static JsonElement ObjectOf(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Object ? element : throw new JsonException($"each of '{what}' must be an object");

    private static JsonElement EmptyArray()
    {
        using var empty = JsonDocument.Parse("[]");
        return empty.RootElement.Clone();
    }
}
