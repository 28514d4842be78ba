using System.Text.Json;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// Reads the grouped form of a native batch: entries of <c>racks</c> (<c>{ "rack": "h1-01", "timestamp": "…",
/// "powerW": [ 700.5, 698.0, … ], … }</c>, positions are rack slots) or of <c>hosts</c> (<c>"host"</c>, positions
/// are the exporter's GPU indices). Each reading is a column with one value per GPU position; <c>null</c>, or a
/// column shorter than the others, means that GPU has no such reading, and a GPU with no reading in any column (and
/// no UUID) sends no sample. <c>uuids</c> names the GPUs. Each entry becomes one grain call.
/// <para>
/// An entry that cannot be read (no rack or host, no timestamp, a column that is not an array of numbers) is
/// refused whole, with its position in its array, at the cost of all its GPUs; a value that reads but is
/// impossible (NaN, negative) is refused by its rack for that GPU alone.
/// </para>
/// </summary>
public static class NativeGroupReader
{
    internal static void ReadGroups(ref Utf8JsonReader reader, NativeBatchContent content, bool racks, NativeColumns columns, TimestampCache timestamps)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadGroup(ref reader, index, content, racks, columns, timestamps);
            }
            else
            {
                content.Refuse(new NativeRefusal($"entry {index} of '{(racks ? "racks" : "hosts")}' is not a JSON object", index));
                reader.Skip();
            }

            index++;
        }
    }

    private static void ReadGroup(ref Utf8JsonReader reader, int index, NativeBatchContent content, bool racks, NativeColumns columns, TimestampCache timestamps)
    {
        var keyField = racks ? NativeField.Rack : NativeField.Host;
        var keyName = racks ? "rack" : "host";
        columns.Reset();
        string? key = null, problem = null, badTimestamp = null;
        var hasTimestamp = false;
        long timestampMs = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var (field, reading) = NativeFieldNames.Match(ref reader);
            reader.Read();
            if (problem is not null || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }

            if (field == keyField)
            {
                key = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                problem = string.IsNullOrWhiteSpace(key) ? $"'{keyName}' must be a non-empty string" : null;
            }
            else if (field == NativeField.Timestamp)
            {
                problem = NativeValues.ReadTimestamp(ref reader, timestamps, out hasTimestamp, out timestampMs, out badTimestamp);
            }
            else if (field == NativeField.Uuids)
            {
                problem = ReadUuids(ref reader, columns);
            }
            else if (field == NativeField.Reading)
            {
                problem = ReadColumn(ref reader, reading, GpuReading.NameOf(reading), columns);
            }

            // Unknown properties, and whatever a refused value left unread.
            reader.Skip();
        }

        problem ??= key is null ? $"the entry names no {keyName}: give '{keyName}'"
            : !hasTimestamp ? "timestamp is required (RFC 3339, e.g. 2026-01-31T12:00:00Z)"
            : badTimestamp is not null ? $"timestamp '{badTimestamp}' is not an RFC 3339 date-time"
            : null;
        if (problem is not null)
        {
            content.Refuse(new NativeRefusal(problem, index, racks ? key : null, racks ? null : key, Samples: Math.Max(1, columns.Count)));
            return;
        }

        var destination = content.ForGroup(key!, racks, columns.Count);
        for (var gpu = 0; gpu < columns.Count; gpu++)
        {
            if (columns.TryGet(gpu, timestampMs, out var sample, out var uuid))
            {
                destination.Add(gpu, sample, uuid);
            }
        }
    }

    private static string? ReadColumn(ref Utf8JsonReader reader, GpuMetrics metric, string name, NativeColumns columns)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return $"'{name}' must be an array with one value per GPU";
        }

        var depth = reader.CurrentDepth;
        var gpu = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (gpu == NativeColumns.MaxGpus)
            {
                return SkipRest(ref reader, depth, $"'{name}' has more than {NativeColumns.MaxGpus} values; send at most one per GPU");
            }

            if (reader.TokenType != JsonTokenType.Null)
            {
                if (!NativeValues.TryReadNumber(ref reader, out var value))
                {
                    return SkipRest(ref reader, depth, $"'{name}'[{gpu}] must be a number or null");
                }

                columns.Set(metric, gpu, value);
            }

            gpu++;
        }

        return null;
    }

    private static string? ReadUuids(ref Utf8JsonReader reader, NativeColumns columns)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return "'uuids' must be an array with one UUID (or null) per GPU";
        }

        var depth = reader.CurrentDepth;
        var gpu = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (gpu == NativeColumns.MaxGpus)
            {
                return SkipRest(ref reader, depth, $"'uuids' has more than {NativeColumns.MaxGpus} values; send at most one per GPU");
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                columns.SetUuid(gpu, reader.GetString()!);
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                return SkipRest(ref reader, depth, $"'uuids'[{gpu}] must be a string or null");
            }

            gpu++;
        }

        return null;
    }

    /// <summary>Leaves the reader on the end of the array opened at <paramref name="depth"/>, past a value refused inside it.</summary>
    private static string SkipRest(ref Utf8JsonReader reader, int depth, string problem)
    {
        while (!(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
        {
            reader.Skip();
            reader.Read();
        }

        return problem;
    }
}
