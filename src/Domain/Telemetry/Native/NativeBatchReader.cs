using System.Globalization;
using System.Text.Json;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// Reads the body of <c>POST /api/telemetry</c> straight from its UTF-8 bytes into packed per-rack (or per-host)
/// batches: no object, string or record per sample. Deserialising sample records with <c>System.Text.Json</c> cost
/// 2.1 µs per sample, over half of what the gateway spent per sample (see docs/benchmarks.md).
/// <para>
/// A sample is addressed either by twin GPU id (<c>gpu</c>, e.g. <c>h1-01-g3</c>) or by <c>host</c> and the
/// exporter's <c>gpuIndex</c>; it carries an RFC 3339 <c>timestamp</c>, an optional <c>uuid</c> and any of the
/// readings <c>powerW</c>, <c>energyMillijoules</c>, <c>utilizationPercent</c>, <c>temperatureC</c>,
/// <c>memoryUsedMiB</c>, <c>promptTokens</c>, <c>generationTokens</c> (energy and tokens are cumulative counters).
/// Property names match case-insensitively; unknown properties are ignored. A sample with a missing or mistyped
/// field is refused by its index and the rest are kept; a body that is not JSON, or has no <c>samples</c> array,
/// is refused whole.
/// </para>
/// </summary>
public static class NativeBatchReader
{
    public const string Shape = "{ \"samples\": [ { \"gpu\": \"<rack>-g<index>\", \"timestamp\": \"…\", \"powerW\": … } ] }";
    private const int MaxDepth = 16;
    private const int ScratchChars = 256;

    public static NativeBatchContent Read(ReadOnlySpan<byte> utf8)
    {
        var content = new NativeBatchContent();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        var sawSamples = false;
        try
        {
            // An empty body throws here, as any JSON the reader cannot read does.
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return NativeBatchContent.Refused($"The body is not a telemetry batch: it must be a JSON object, {Shape}.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!NativeFieldNames.IsSamples(ref reader))
                {
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    ReadSamples(ref reader, content);
                    sawSamples = true;
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return NativeBatchContent.Refused($"The body's 'samples' must be an array: {Shape}.");
                }
            }

            // Anything but whitespace after the object is an error the reader throws for.
            reader.Read();
        }
        catch (JsonException e)
        {
            return NativeBatchContent.Refused($"The body is not a telemetry batch: {e.Message}");
        }

        return sawSamples ? content : NativeBatchContent.Refused($"The body needs a 'samples' array: {Shape}.");
    }

    private static void ReadSamples(ref Utf8JsonReader reader, NativeBatchContent content)
    {
        var gpuScratch = new char[ScratchChars];
        var hostScratch = new char[ScratchChars];
        var timestamps = new TimestampCache();
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

        content.Samples = index;
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
        double power = 0, energy = 0, utilization = 0, temperature = 0, memory = 0, prompt = 0, generation = 0;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = NativeFieldNames.Match(ref reader);
            reader.Read();
            if (problem is not null || field == NativeField.Unknown || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }

            switch (field)
            {
                case NativeField.Gpu:
                    hasGpu = TryReadText(ref reader, gpuScratch, out gpu);
                    problem = hasGpu ? null : "'gpu' must be a string (a twin GPU id, e.g. h1-01-g3)";
                    break;
                case NativeField.Host:
                    hasHost = TryReadText(ref reader, hostScratch, out host);
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
                    problem = ReadTimestamp(ref reader, timestamps, out hasTimestamp, out timestampMs, out badTimestamp);
                    break;
                default:
                    problem = ReadMetric(ref reader, field, ref present, ref power, ref energy, ref utilization, ref temperature, ref memory, ref prompt, ref generation);
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

        NativeDestination destination;
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

        destination.Add(index, new PackedGpuSample(slot, present, timestampMs, power, energy, utilization, temperature, memory, prompt, generation), uuid);
    }

    /// <summary>
    /// A string value as characters: copied into <paramref name="scratch"/> when it fits (ids are short; a string
    /// never has more characters than UTF-8 bytes), else a new string.
    /// </summary>
    private static bool TryReadText(scoped ref Utf8JsonReader reader, char[] scratch, out ReadOnlySpan<char> text)
    {
        text = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        text = reader.ValueSpan.Length <= scratch.Length ? scratch.AsSpan(0, reader.CopyString(scratch)) : reader.GetString();
        return true;
    }

    private static string? ReadTimestamp(ref Utf8JsonReader reader, TimestampCache cache, out bool present, out long unixMs, out string? unparsable)
    {
        present = false;
        unixMs = 0;
        unparsable = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return "'timestamp' must be a string (RFC 3339, e.g. 2026-01-31T12:00:00Z)";
        }

        if (!reader.ValueIsEscaped && cache.TryGet(reader.ValueSpan, out unixMs))
        {
            present = true;
            return null;
        }

        Span<char> scratch = stackalloc char[64];
        ReadOnlySpan<char> text = reader.ValueSpan.Length <= scratch.Length ? scratch[..reader.CopyString(scratch)] : reader.GetString();
        if (text.IsWhiteSpace())
        {
            return null;
        }

        present = true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
        {
            unparsable = new string(text);
            return null;
        }

        unixMs = timestamp.ToUnixTimeMilliseconds();
        if (!reader.ValueIsEscaped)
        {
            cache.Remember(reader.ValueSpan, unixMs);
        }

        return null;
    }

    private static string? ReadMetric(
        ref Utf8JsonReader reader, NativeField field, ref GpuMetrics present,
        ref double power, ref double energy, ref double utilization, ref double temperature, ref double memory, ref double prompt, ref double generation)
    {
        var (metric, name) = field switch
        {
            NativeField.PowerW => (GpuMetrics.Power, "powerW"),
            NativeField.EnergyMillijoules => (GpuMetrics.Energy, "energyMillijoules"),
            NativeField.UtilizationPercent => (GpuMetrics.Utilization, "utilizationPercent"),
            NativeField.TemperatureC => (GpuMetrics.Temperature, "temperatureC"),
            NativeField.MemoryUsedMiB => (GpuMetrics.Memory, "memoryUsedMiB"),
            NativeField.PromptTokens => (GpuMetrics.PromptTokens, "promptTokens"),
            _ => (GpuMetrics.GenerationTokens, "generationTokens"),
        };
        if (!TryReadNumber(ref reader, out var value))
        {
            return $"'{name}' must be a number";
        }

        present |= metric;
        switch (metric)
        {
            case GpuMetrics.Power: power = value; break;
            case GpuMetrics.Energy: energy = value; break;
            case GpuMetrics.Utilization: utilization = value; break;
            case GpuMetrics.Temperature: temperature = value; break;
            case GpuMetrics.Memory: memory = value; break;
            case GpuMetrics.PromptTokens: prompt = value; break;
            default: generation = value; break;
        }

        return null;
    }

    /// <summary>
    /// A JSON number, or "NaN" / "Infinity" / "-Infinity" as strings: such a sample is then refused by its rack
    /// with the field named ("not a finite number") rather than the whole batch failing to read. A number too large
    /// for a double reads as infinity, for the same reason.
    /// </summary>
    private static bool TryReadNumber(ref Utf8JsonReader reader, out double value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetDouble(out value))
            {
                value = double.PositiveInfinity;
            }

            return true;
        }

        value = reader.TokenType != JsonTokenType.String ? 0
            : reader.ValueTextEquals("NaN"u8) ? double.NaN
            : reader.ValueTextEquals("Infinity"u8) ? double.PositiveInfinity
            : reader.ValueTextEquals("-Infinity"u8) ? double.NegativeInfinity
            : 0;
        return reader.TokenType == JsonTokenType.String && (double.IsNaN(value) || double.IsInfinity(value));
    }
}
