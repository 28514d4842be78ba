using System.Text;

namespace TokenFactoryTwin.LoadGen;

/// <summary>
/// The telemetry of N live GPUs at one sample per GPU per second, as native JSON batches. Every GPU serves tokens at
/// the same rate, and the rate steps between a low and a high level every few seconds: the step is the signal the
/// freshness probe watches for in the facility KPI. Counters are cumulative, as exporters report them.
/// <para>
/// The generator shares the twin's two cores, so it writes bytes, not objects: each GPU's id is encoded once, and
/// the readings, the same for every GPU in a second, once per second. The batches of a second are written into
/// buffers that are reused the next second, when that second's requests have all been answered.
/// </para>
/// </summary>
public sealed class SyntheticTelemetry
{
    public const double LowTokensPerSecond = 3000;
    public const double HighTokensPerSecond = 6000;
    private const double OutputShare = 0.3;
    private static readonly byte[] BatchStart = "{\"samples\":["u8.ToArray();
    private static readonly byte[] BatchEnd = "]}"u8.ToArray();
    private static readonly byte[] SampleStart = "{\"gpu\":\""u8.ToArray();
    private readonly LoadOptions _options;
    private readonly byte[][] _gpuIds;
    private readonly byte[][] _buffers;
    private readonly int _maxTail = 512;
    private double _tokens;
    private double _energyMj;

    public SyntheticTelemetry(LoadOptions options, IReadOnlyList<string> rackIds)
    {
        _options = options;
        _gpuIds = Enumerable.Range(0, options.Gpus)
            .Select(gpu => Encoding.UTF8.GetBytes($"{rackIds[gpu / LoadOptions.GpusPerRack]}-g{gpu % LoadOptions.GpusPerRack}"))
            .ToArray();
        var batches = (options.Gpus + options.BatchSamples - 1) / options.BatchSamples;
        _buffers = Enumerable.Range(0, batches).Select(b =>
        {
            var ids = _gpuIds.Skip(b * options.BatchSamples).Take(options.BatchSamples).ToList();
            return new byte[BatchStart.Length + BatchEnd.Length + ids.Sum(id => SampleStart.Length + id.Length + _maxTail + 1)];
        }).ToArray();
    }

    /// <summary>The per-GPU token rate of the second that ends at <paramref name="second"/> (Unix seconds).</summary>
    public double RateAt(long second) => second / _options.StepSeconds % 2 == 0 ? LowTokensPerSecond : HighTokensPerSecond;

    /// <summary>Advances the counters by one second and writes that second's batches (valid until the next call).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Second(long second)
    {
        var rate = RateAt(second);
        _tokens += rate;
        _energyMj += 1_000_000;
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(second).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var tail = Encoding.UTF8.GetBytes(
            $"\",\"timestamp\":\"{timestamp}\",\"powerW\":1000,\"energyMillijoules\":{_energyMj:F0}," +
            $"\"utilizationPercent\":{(rate == HighTokensPerSecond ? 95 : 60)},\"temperatureC\":60,\"memoryUsedMiB\":200000," +
            $"\"promptTokens\":{Math.Floor(_tokens * (1 - OutputShare)):F0},\"generationTokens\":{Math.Floor(_tokens * OutputShare):F0}}}");
        if (tail.Length > _maxTail)
        {
            throw new InvalidOperationException("a sample's readings outgrew the space reserved for them");
        }

        var batches = new List<ReadOnlyMemory<byte>>(_buffers.Length);
        for (var b = 0; b < _buffers.Length; b++)
        {
            var buffer = _buffers[b];
            var at = Put(buffer, 0, BatchStart);
            var first = b * _options.BatchSamples;
            var end = Math.Min(first + _options.BatchSamples, _options.Gpus);
            for (var gpu = first; gpu < end; gpu++)
            {
                if (gpu > first)
                {
                    buffer[at++] = (byte)',';
                }

                at = Put(buffer, at, SampleStart);
                at = Put(buffer, at, _gpuIds[gpu]);
                at = Put(buffer, at, tail);
            }

            at = Put(buffer, at, BatchEnd);
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
