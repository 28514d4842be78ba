using System.Text;

namespace TokenFactoryTwin.LoadGen;

/// <summary>
/// The telemetry of N live GPUs at one sample per GPU per second (or per <c>--interval-ms</c>), as native JSON batches: one object per sample
/// (<c>--form samples</c>) or one entry per rack with a column per reading (<c>--form racks</c>). Every GPU serves
/// tokens at the same rate, and the rate steps between a low and a high level every few seconds: the step is the
/// signal the freshness probe watches for in the facility KPI. Counters are cumulative, as exporters report them.
/// <para>
/// The generator shares the twin's two cores, so it writes bytes, not objects: ids are encoded once, and the
/// readings, the same for every GPU in an interval, once per interval. An interval's batches are written into buffers
/// that are reused the next interval, when that interval's requests have all been answered.
/// </para>
/// </summary>
public sealed class SyntheticTelemetry : ITelemetrySource
{
    public const double LowTokensPerSecond = 3000;
    public const double HighTokensPerSecond = 6000;
    private const double OutputShare = 0.3;
    private const int MaxReadingBytes = 24;
    private static readonly string[] Readings = ["powerW", "energyMillijoules", "utilizationPercent", "temperatureC", "memoryUsedMiB", "promptTokens", "generationTokens"];
    private readonly LoadOptions _options;
    private readonly bool _byRack;
    private readonly byte[][] _ids;
    private readonly int[] _gpusOf;
    private readonly int _perBatch;
    private readonly byte[][] _buffers;
    private double _tokens;
    private double _energyMj;

    public SyntheticTelemetry(LoadOptions options, IReadOnlyList<string> rackIds)
    {
        _options = options;
        _byRack = options.Form == "racks";
        const int perRack = LoadOptions.GpusPerRack;
        var racks = (options.Gpus + perRack - 1) / perRack;
        _gpusOf = Enumerable.Range(0, racks).Select(r => Math.Min(perRack, options.Gpus - r * perRack)).ToArray();
        _ids = _byRack
            ? rackIds.Take(racks).Select(Encoding.UTF8.GetBytes).ToArray()
            : Enumerable.Range(0, options.Gpus).Select(g => Encoding.UTF8.GetBytes($"{rackIds[g / perRack]}-g{g % perRack}")).ToArray();
        // A batch is --batch samples, or as many whole racks as make about that many.
        _perBatch = _byRack ? Math.Max(1, options.BatchSamples / perRack) : options.BatchSamples;
        var batches = (_ids.Length + _perBatch - 1) / _perBatch;
        var itemBytes = _byRack ? 256 + perRack * Readings.Length * (MaxReadingBytes + 1) : 256 + Readings.Length * (MaxReadingBytes + 24);
        _buffers = Enumerable.Range(0, batches)
            .Select(b => new byte[64 + _ids.Skip(b * _perBatch).Take(_perBatch).Sum(id => id.Length + itemBytes)])
            .ToArray();
    }

    public double RateAt(long second) => second / _options.StepSeconds % 2 == 0 ? LowTokensPerSecond : HighTokensPerSecond;

    public int GpusIn(int batch) => Math.Min(_perBatch, _ids.Length - batch * _perBatch) * (_byRack ? LoadOptions.GpusPerRack : 1);

    public IReadOnlyList<ReadOnlyMemory<byte>> Interval(long unixMs, double seconds)
    {
        // The interval lies in the second that ends at the next whole second (or at its own end, on one).
        var rate = RateAt((unixMs + 999) / 1000);
        _tokens += rate * seconds;
        _energyMj += 1_000_000 * seconds;
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString(unixMs % 1000 == 0 ? "yyyy-MM-ddTHH:mm:ssZ" : "yyyy-MM-ddTHH:mm:ss.fffZ");
        string[] values =
        [
            "1000", $"{_energyMj:F0}", rate == HighTokensPerSecond ? "95" : "60", "60", "200000",
            $"{Math.Floor(_tokens * (1 - OutputShare)):F0}", $"{Math.Floor(_tokens * OutputShare):F0}",
        ];
        if (values.Any(v => v.Length > MaxReadingBytes))
        {
            throw new InvalidOperationException("a reading outgrew the space reserved for it");
        }

        // What follows an id: the rest of the sample, or of the rack entry (its columns for a full or a last, partial rack).
        var sampleTail = Encoding.UTF8.GetBytes($"\",\"timestamp\":\"{timestamp}\"," +
            string.Join(",", Readings.Select((name, i) => $"\"{name}\":{values[i]}")) + "}");
        byte[] RackTail(int gpus) => Encoding.UTF8.GetBytes($"\",\"timestamp\":\"{timestamp}\"," +
            string.Join(",", Readings.Select((name, i) => $"\"{name}\":[{string.Join(",", Enumerable.Repeat(values[i], gpus))}]")) + "}");
        var fullRack = _byRack ? RackTail(LoadOptions.GpusPerRack) : [];
        var (open, keyStart) = _byRack ? ("{\"racks\":["u8.ToArray(), "{\"rack\":\""u8.ToArray()) : ("{\"samples\":["u8.ToArray(), "{\"gpu\":\""u8.ToArray());

        var batches = new List<ReadOnlyMemory<byte>>(_buffers.Length);
        for (var b = 0; b < _buffers.Length; b++)
        {
            var buffer = _buffers[b];
            var at = Put(buffer, 0, open);
            var first = b * _perBatch;
            var end = Math.Min(first + _perBatch, _ids.Length);
            for (var item = first; item < end; item++)
            {
                if (item > first)
                {
                    buffer[at++] = (byte)',';
                }

                at = Put(buffer, at, keyStart);
                at = Put(buffer, at, _ids[item]);
                at = Put(buffer, at, !_byRack ? sampleTail : _gpusOf[item] == LoadOptions.GpusPerRack ? fullRack : RackTail(_gpusOf[item]));
            }

            at = Put(buffer, at, "]}"u8.ToArray());
            batches.Add(buffer.AsMemory(0, at));
        }

        return batches;
    }

    private static int Put(byte[] buffer, int at, byte[] bytes)
    {
        bytes.CopyTo(buffer, at);
        return at + bytes.Length;
    }
}
