using System.Globalization;
using System.Text.Json;
using TokenFactoryTwin.Domain.Telemetry.Mapping;

namespace TokenFactoryTwin.Domain.Telemetry.Otlp;

/// <summary>
/// Reads an OTLP/HTTP JSON ExportMetricsServiceRequest (the protobuf JSON mapping: camelCase fields, int64 as
/// strings or numbers, enums as numbers). Gauge and sum points become <see cref="MetricPoint"/>s whose labels are
/// the resource attributes overlaid by the point's own; other point kinds are counted, not used.
/// </summary>
public static class OtlpJsonParser
{
    /// <exception cref="JsonException">The body is not JSON or not the shape of an export request.</exception>
    public static OtlpMetricsBatch Parse(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 32 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the body must be a JSON object with 'resourceMetrics'");
        }

        var batch = new OtlpMetricsBatch();
        if (!root.TryGetProperty("resourceMetrics", out var resources))
        {
            return batch;
        }

        foreach (var resource in Array(resources, "resourceMetrics"))
        {
            var resourceLabels = resource.TryGetProperty("resource", out var r) && r.TryGetProperty("attributes", out var ra)
                ? Attributes(ra)
                : [];
            if (!resource.TryGetProperty("scopeMetrics", out var scopes))
            {
                continue;
            }

            foreach (var scope in Array(scopes, "scopeMetrics"))
            {
                if (!scope.TryGetProperty("metrics", out var metrics))
                {
                    continue;
                }

                foreach (var metric in Array(metrics, "metrics"))
                {
                    ReadMetric(batch, metric, resourceLabels);
                }
            }
        }

        return batch;
    }

    private static void ReadMetric(OtlpMetricsBatch batch, JsonElement metric, KeyValuePair<string, string>[] resourceLabels)
    {
        batch.Metrics++;
        var name = metric.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        foreach (var kind in (string[])["histogram", "exponentialHistogram", "summary"])
        {
            if (metric.TryGetProperty(kind, out var other) && other.TryGetProperty("dataPoints", out var otherPoints))
            {
                var count = Array(otherPoints, "dataPoints").Count();
                batch.DataPoints += count;
                batch.Unsupported += count;
            }
        }

        JsonElement data;
        if (!metric.TryGetProperty("gauge", out data) && !metric.TryGetProperty("sum", out data))
        {
            return;
        }

        if (!data.TryGetProperty("dataPoints", out var points))
        {
            return;
        }

        foreach (var point in Array(points, "dataPoints"))
        {
            batch.DataPoints++;
            var problem = ReadPoint(point, name, resourceLabels, out var parsed);
            if (problem is not null)
            {
                batch.Rejected++;
                if (batch.Issues.Count < Prometheus.PrometheusTextParser.MaxIssues)
                {
                    batch.Issues.Add(new ParseIssue(0, $"{name}: {problem}"));
                }

                continue;
            }

            batch.Points.Add(parsed);
        }
    }

    private static string? ReadPoint(JsonElement point, string name, KeyValuePair<string, string>[] resourceLabels, out MetricPoint parsed)
    {
        parsed = default;
        double value;
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
            return "the data point has neither asDouble nor asInt";
        }

        long? ms = null;
        if (point.TryGetProperty("timeUnixNano", out var t))
        {
            if (!TryInt64(t, out var nanos) || nanos < 0)
            {
                return "timeUnixNano is not a non-negative 64-bit integer";
            }

            // Zero means "not set" in OTLP; the receipt time stands in then.
            ms = nanos == 0 ? null : nanos / 1_000_000;
        }

        var labels = point.TryGetProperty("attributes", out var a) ? Merge(resourceLabels, Attributes(a)) : resourceLabels;
        parsed = new MetricPoint(name, labels, value, ms, 0);
        return null;
    }

    private static KeyValuePair<string, string>[] Attributes(JsonElement attributes)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var attribute in Array(attributes, "attributes"))
        {
            if (attribute.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String
                && attribute.TryGetProperty("value", out var value) && Scalar(value) is { } text)
            {
                list.Add(new(key.GetString()!, text));
            }
        }

        return [.. list];
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

    private static KeyValuePair<string, string>[] Merge(KeyValuePair<string, string>[] outer, KeyValuePair<string, string>[] inner) =>
        outer.Length == 0 ? inner : [.. inner, .. outer.Where(o => inner.All(i => i.Key != o.Key))];

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

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray()
            : throw new JsonException($"'{what}' must be an array");
}
