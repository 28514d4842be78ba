using System.Globalization;
using System.Text.Json;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>Reading the values of the native format — texts, timestamps, readings — straight from the reader's bytes.</summary>
internal static class NativeValues
{
    /// <summary>
    /// A string value as characters: copied into <paramref name="scratch"/> when it fits (ids are short; a string
    /// never has more characters than UTF-8 bytes), else a new string.
    /// </summary>
    public static bool TryReadText(scoped ref Utf8JsonReader reader, char[] scratch, out ReadOnlySpan<char> text)
    {
        text = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        text = reader.ValueSpan.Length <= scratch.Length ? scratch.AsSpan(0, reader.CopyString(scratch)) : reader.GetString();
        return true;
    }

    public static string? ReadTimestamp(ref Utf8JsonReader reader, TimestampCache cache, out bool present, out long unixMs, out string? unparsable)
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

    /// <summary>Reads one reading's value into its place in <paramref name="values"/>; a non-number is the sample's problem.</summary>
    public static string? ReadMetric(ref Utf8JsonReader reader, GpuMetrics metric, ref GpuMetrics present, scoped Span<double> values)
    {
        if (!TryReadNumber(ref reader, out var value))
        {
            return $"'{GpuReading.NameOf(metric)}' must be a number";
        }

        present |= metric;
        values[GpuReading.IndexOf(metric)] = value;
        return null;
    }

    /// <summary>
    /// A JSON number, or "NaN" / "Infinity" / "-Infinity" as strings: such a sample is then refused by its rack
    /// with the field named ("not a finite number") rather than the whole batch failing to read. A number too large
    /// for a double reads as infinity, for the same reason.
    /// </summary>
    public static bool TryReadNumber(ref Utf8JsonReader reader, out double value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            // A number token is never escaped and, read from one span, never split.
            if (!JsonNumber.TryParseExact(reader.ValueSpan, out value) && !reader.TryGetDouble(out value))
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
