using System.Text;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Protobuf;

namespace TokenFactoryTwin.Domain.Telemetry.RemoteWrite;

/// <summary>
/// Reads a Prometheus remote-write 1.0 <c>WriteRequest</c> (protobuf, already un-snappied) straight from its bytes into
/// the same mapping as scraped text: a series the twin maps goes to a <see cref="TelemetryMapper"/> with the labels it
/// reads, once per sample with the sample's own time; a series named in the meter names becomes points for the meter
/// mapper; the rest are ignored, sample by sample, as unmapped lines are. Field numbers are Prometheus' prompb ones
/// (see <c>src/Domain/Protos/prometheus</c>).
/// </summary>
public static class RemoteWriteParser
{
    /// <summary>The label names the mapper reads, as UTF-8, to pick them out without decoding the others.</summary>
    private static readonly byte[][] KeysRead = [.. SeriesLabels.Keys.Select(Encoding.UTF8.GetBytes)];

    private static readonly byte[] MetricNameLabel = "__name__"u8.ToArray();

    /// <exception cref="ProtobufFormatException">The body is not a WriteRequest (truncated, a length past its end …).</exception>
    public static RemoteWriteCounts Parse(ReadOnlySpan<byte> request, ServerSeriesMappers mappers, HashSet<string> meterNames, List<MetricPoint> meterPoints)
    {
        var counts = default(RemoteWriteCounts);
        var scratch = new Utf8Scratch();
        var meters = meterNames.GetAlternateLookup<ReadOnlySpan<char>>();
        var reader = new ProtoReader(request);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && reader.Is(wire, WireType.LengthDelimited))
            {
                counts.Series++;
                ReadSeries(reader.ReadBytes(), mappers, meterNames.Count > 0 ? meters : null, meterPoints, scratch, ref counts);
            }
            else if (field != 1)
            {
                reader.Skip(wire);
            }
        }

        return counts;
    }

    private static void ReadSeries(
        ReadOnlySpan<byte> series, ServerSeriesMappers mappers, HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? meters,
        List<MetricPoint> meterPoints, Utf8Scratch scratch, ref RemoteWriteCounts counts)
    {
        scratch.Reset();
        ReadOnlySpan<char> name = default;
        var reader = new ProtoReader(series);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && reader.Is(wire, WireType.LengthDelimited))
            {
                ReadLabel(reader.ReadBytes(), out var labelName, out var value);
                if (labelName.SequenceEqual(MetricNameLabel))
                {
                    name = scratch.Decode(value);
                }
            }
            else if (field != 1)
            {
                reader.Skip(wire);
            }
        }

        var isMapped = MetricNames.TryGet(name, out var reading);
        var isMetered = meters is { } lookup && lookup.Contains(name);
        var labels = default(SeriesLabels);
        KeyValuePair<string, string>[]? allLabels = null;
        if (isMapped)
        {
            OfferLabels(series, ref labels, scratch);
        }

        if (isMetered)
        {
            allLabels = AllLabels(series);
        }

        var mapper = isMapped ? mappers.For(reading, labels) : mappers.Default;
        var nameText = isMetered ? name.ToString() : null;
        reader = new ProtoReader(series);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 2 && reader.Is(wire, WireType.LengthDelimited))
            {
                var (value, ms) = ReadSample(reader.ReadBytes());
                counts.Samples++;
                if (!UnixMilliseconds.IsDate(ms))
                {
                    mapper.Refuse(0, $"{name}: {UnixMilliseconds.NotADate(ms)}; skipped");
                    continue;
                }

                if (isMapped)
                {
                    counts.Mapped++;
                    mapper.Map(reading, name, labels, value, ms, 0);
                }

                if (isMetered)
                {
                    counts.Metered++;
                    meterPoints.Add(new MetricPoint(nameText!, allLabels!, value, ms, 0));
                }

                if (!isMapped && !isMetered)
                {
                    mapper.Ignore();
                }
            }
            else if (field != 2)
            {
                reader.Skip(wire);
            }
        }
    }

    /// <summary>The labels the mapper reads, decoded into the scratch space for the series' samples.</summary>
    private static void OfferLabels(ReadOnlySpan<byte> series, ref SeriesLabels labels, Utf8Scratch scratch)
    {
        var reader = new ProtoReader(series);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && reader.Is(wire, WireType.LengthDelimited))
            {
                ReadLabel(reader.ReadBytes(), out var labelName, out var value);
                for (var k = 0; k < KeysRead.Length; k++)
                {
                    if (labelName.SequenceEqual(KeysRead[k]))
                    {
                        labels.Offer(SeriesLabels.Keys[k], scratch.Decode(value));
                        break;
                    }
                }
            }
            else if (field != 1)
            {
                reader.Skip(wire);
            }
        }
    }

    /// <summary>Every label but the name, as the meter mapper reads a scraped line's labels.</summary>
    private static KeyValuePair<string, string>[] AllLabels(ReadOnlySpan<byte> series)
    {
        var list = new List<KeyValuePair<string, string>>();
        var reader = new ProtoReader(series);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && reader.Is(wire, WireType.LengthDelimited))
            {
                ReadLabel(reader.ReadBytes(), out var labelName, out var value);
                if (!labelName.SequenceEqual(MetricNameLabel))
                {
                    list.Add(new(Encoding.UTF8.GetString(labelName), Encoding.UTF8.GetString(value)));
                }
            }
            else if (field != 1)
            {
                reader.Skip(wire);
            }
        }

        return [.. list];
    }

    private static void ReadLabel(ReadOnlySpan<byte> label, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        name = default;
        value = default;
        var reader = new ProtoReader(label);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && reader.Is(wire, WireType.LengthDelimited))
            {
                name = reader.ReadBytes();
            }
            else if (field == 2 && reader.Is(wire, WireType.LengthDelimited))
            {
                value = reader.ReadBytes();
            }
            else if (field is not (1 or 2))
            {
                reader.Skip(wire);
            }
        }
    }

    private static (double Value, long Ms) ReadSample(ReadOnlySpan<byte> sample)
    {
        var (value, ms) = (0.0, 0L);
        var reader = new ProtoReader(sample);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && reader.Is(wire, WireType.Fixed64))
            {
                value = reader.ReadDouble();
            }
            else if (field == 2 && reader.Is(wire, WireType.Varint))
            {
                ms = (long)reader.ReadVarint();
            }
            else if (field is not (1 or 2))
            {
                reader.Skip(wire);
            }
        }

        return (value, ms);
    }
}
