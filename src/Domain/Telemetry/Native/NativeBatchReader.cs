using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Json;

namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// Reads the body of <c>POST /api/telemetry</c> straight from its UTF-8 bytes into packed per-rack (or per-host)
/// batches: no object, string or record per sample. Deserialising sample records with <c>System.Text.Json</c> cost
/// 2.1 µs per sample, over half of what the gateway spent per sample (see docs/benchmarks.md).
/// <para>
/// A batch holds any of three arrays. <c>samples</c>: one object per GPU reading, addressed either by twin GPU id
/// (<c>gpu</c>, e.g. <c>h1-01-g3</c>) or by <c>host</c> and the exporter's <c>gpuIndex</c>, with an RFC 3339
/// <c>timestamp</c>, an optional <c>uuid</c> and any of the readings <c>powerW</c>, <c>energyMillijoules</c>,
/// <c>utilizationPercent</c>, <c>temperatureC</c>, <c>memoryUsedMiB</c>, <c>promptTokens</c>,
/// <c>generationTokens</c> (energy and tokens are cumulative counters). <c>racks</c> and <c>hosts</c>: one object
/// per rack (<c>rack</c>) or host (<c>host</c>) at one <c>timestamp</c>, each reading a column with one value per
/// GPU position (rack slot, or the exporter's GPU index), <c>null</c> where a GPU has none, plus optional
/// <c>uuids</c> — a third of the bytes and tokens per sample, for agents that report a whole host or rack at once
/// (see <see cref="NativeGroupReader"/>).
/// </para>
/// <para>
/// Property names match case-insensitively; unknown properties are ignored. A sample (or group) with a missing or
/// mistyped field is refused on its own and the rest are kept; a body that is not JSON, or holds none of the three
/// arrays, is refused whole.
/// </para>
/// </summary>
public static class NativeBatchReader
{
    public const string Shape = "{ \"samples\": [ { \"gpu\": \"<rack>-g<index>\", \"timestamp\": \"…\", \"powerW\": … } ] } " +
        "or { \"racks\": [ { \"rack\": \"<rack>\", \"timestamp\": \"…\", \"powerW\": [ …one per GPU… ] } ] }";
    private const int MaxDepth = 16;
    private const int ScratchChars = 256;

    public static NativeBatchContent Read(ReadOnlySpan<byte> utf8)
    {
        // The reader checks UTF-8 only when a string is decoded, and then throws InvalidOperationException, not
        // JsonException: checked up front (at gigabytes a second), a body with broken UTF-8 is refused as a whole.
        if (!Utf8.IsValid(utf8))
        {
            return NativeBatchContent.Unreadable("The body is not a telemetry batch: it is not valid UTF-8.");
        }

        if (JsonEscapes.FindLoneSurrogate(utf8) >= 0)
        {
            return NativeBatchContent.Unreadable($"The body is not a telemetry batch: {JsonEscapes.LoneSurrogateReason}.");
        }

        var content = new NativeBatchContent();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        var timestamps = new TimestampCache();
        NativeColumns? columns = null;
        var sawArray = false;
        try
        {
            // An empty body throws here, as any JSON the reader cannot read does.
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return NativeBatchContent.Unreadable($"The body is not a telemetry batch: it must be a JSON object, {Shape}.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (NativeFieldNames.Part(ref reader) is not { } part)
                {
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return NativeBatchContent.Unreadable($"The body's '{part.ToString().ToLowerInvariant()}' must be an array: {Shape}.");
                }

                sawArray = true;
                if (part == NativeBatchPart.Samples)
                {
                    ReadSamples(ref reader, content, timestamps);
                }
                else
                {
                    NativeGroupReader.ReadGroups(ref reader, content, part == NativeBatchPart.Racks, columns ??= new NativeColumns(), timestamps);
                }
            }

            // Anything but whitespace after the object is an error the reader throws for.
            reader.Read();
        }
        catch (JsonException e)
        {
            return NativeBatchContent.Unreadable($"The body is not a telemetry batch: {e.Message}");
        }

        return sawArray ? content : NativeBatchContent.Unreadable($"The body needs a 'samples', 'racks' or 'hosts' array: {Shape}.");
    }

    private static void ReadSamples(ref Utf8JsonReader reader, NativeBatchContent content, TimestampCache timestamps)
    {
        var gpuScratch = new char[ScratchChars];
        var hostScratch = new char[ScratchChars];
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    ReadSample(ref reader, index, content, gpuScratch, hostScratch, timestamps);
                    break;
                case JsonTokenType.Null:
                    content.Refuse(index, "the sample is null");
                    break;
                default:
                    content.Refuse(index, "the sample is not a JSON object");
                    reader.Skip();
                    break;
            }

            index++;
        }
    }

    private static void ReadSample(
        ref Utf8JsonReader reader, int index, NativeBatchContent content, char[] gpuScratch, char[] hostScratch, TimestampCache timestamps)
    {
        string? problem = null;
        ReadOnlySpan<char> gpu = default, host = default;
        bool hasGpu = false, hasHost = false, hasTimestamp = false;
        int? gpuIndex = null;
        string? uuid = null, badTimestamp = null;
        long timestampMs = 0;
        var present = GpuMetrics.None;
        Span<double> values = stackalloc double[GpuReading.Count];

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var (field, reading) = NativeFieldNames.Match(ref reader);
            reader.Read();
            // 'rack' and 'uuids' belong to the grouped form; in a sample they are as unknown as any other name.
            if (problem is not null || field is NativeField.Unknown or NativeField.Rack or NativeField.Uuids || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }

            switch (field)
            {
                case NativeField.Gpu:
                    hasGpu = NativeValues.TryReadText(ref reader, gpuScratch, out gpu);
                    problem = hasGpu ? null : "'gpu' must be a string (a twin GPU id, e.g. h1-01-g3)";
                    break;
                case NativeField.Host:
                    hasHost = NativeValues.TryReadText(ref reader, hostScratch, out host);
                    problem = hasHost ? null : "'host' must be a string";
                    break;
                case NativeField.GpuIndex:
                    gpuIndex = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var i) ? i : null;
                    problem = gpuIndex is null ? "'gpuIndex' must be an integer" : null;
                    break;
                case NativeField.Uuid:
                    uuid = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    problem = uuid is null ? "'uuid' must be a string" : null;
                    break;
                case NativeField.Timestamp:
                    problem = NativeValues.ReadTimestamp(ref reader, timestamps, out hasTimestamp, out timestampMs, out badTimestamp);
                    break;
                default:
                    problem = NativeValues.ReadMetric(ref reader, reading, ref present, values);
                    break;
            }

            // A mistyped value may be an object or array: step over it (a no-op after a plain value).
            reader.Skip();
        }

        problem ??= !hasTimestamp ? "timestamp is required (RFC 3339, e.g. 2026-01-31T12:00:00Z)"
            : badTimestamp is not null ? $"timestamp '{badTimestamp}' is not an RFC 3339 date-time"
            : null;
        if (problem is not null)
        {
            content.Refuse(index, problem);
            return;
        }

        SampleDestination destination;
        int slot;
        if (hasGpu)
        {
            if (hasHost)
            {
                content.Refuse(index, "give either 'gpu' or 'host' with 'gpuIndex', not both");
                return;
            }

            if (!GpuIds.TryParse(gpu, out var rack, out slot))
            {
                content.Refuse(index, $"gpu '{gpu}' is not a twin GPU id ('<rack>-g<index>', e.g. h1-01-g3)");
                return;
            }

            destination = content.ForRack(rack);
        }
        else if (hasHost)
        {
            if (gpuIndex is not { } exporterIndex || exporterIndex < 0)
            {
                content.Refuse(index, "a sample addressed by 'host' needs a non-negative 'gpuIndex'");
                return;
            }

            slot = exporterIndex;
            destination = content.ForHost(host);
        }
        else
        {
            content.Refuse(index, "the sample names no GPU: give 'gpu' (twin GPU id) or 'host' with 'gpuIndex'");
            return;
        }

        destination.Add(index, new PackedGpuSample(slot, present, timestampMs, GpuReading.From(values)), uuid);
    }
}
