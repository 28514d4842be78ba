using System.Buffers;
using System.Text.Json;

namespace TokenFactoryTwin.LoadGen;

/// <summary>
/// The telemetry of N live GPUs at one sample per GPU per second, as native JSON batches. Every GPU serves tokens at
/// the same rate, and the rate steps between a low and a high level every few seconds: the step is the signal the
/// freshness probe watches for in the facility KPI. Counters are cumulative, as exporters report them.
/// </summary>
public sealed class SyntheticTelemetry(LoadOptions options, IReadOnlyList<string> rackIds)
{
    public const double LowTokensPerSecond = 3000;
    public const double HighTokensPerSecond = 6000;
    private const double OutputShare = 0.3;
    private double _tokens;
    private double _energyMj;

    /// <summary>The per-GPU token rate of the second that ends at <paramref name="second"/> (Unix seconds).</summary>
    public double RateAt(long second) => second / options.StepSeconds % 2 == 0 ? LowTokensPerSecond : HighTokensPerSecond;

    /// <summary>Advances the counters by one second and writes that second's batches.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Second(long second)
    {
        var rate = RateAt(second);
        _tokens += rate;
        _energyMj += 1_000_000;
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(second);
        var batches = new List<ReadOnlyMemory<byte>>();
        var buffer = new ArrayBufferWriter<byte>(options.BatchSamples * 240);
        var writer = new Utf8JsonWriter(buffer);
        var inBatch = 0;
        for (var gpu = 0; gpu < options.Gpus; gpu++)
        {
            if (inBatch == 0)
            {
                writer.WriteStartObject();
                writer.WriteStartArray("samples");
            }

            writer.WriteStartObject();
            writer.WriteString("gpu", $"{rackIds[gpu / LoadOptions.GpusPerRack]}-g{gpu % LoadOptions.GpusPerRack}");
            writer.WriteString("timestamp", timestamp);
            writer.WriteNumber("powerW", 1000);
            writer.WriteNumber("energyMillijoules", _energyMj);
            writer.WriteNumber("utilizationPercent", rate == HighTokensPerSecond ? 95 : 60);
            writer.WriteNumber("temperatureC", 60);
            writer.WriteNumber("memoryUsedMiB", 200_000);
            writer.WriteNumber("promptTokens", Math.Floor(_tokens * (1 - OutputShare)));
            writer.WriteNumber("generationTokens", Math.Floor(_tokens * OutputShare));
            writer.WriteEndObject();
            if (++inBatch == options.BatchSamples || gpu == options.Gpus - 1)
            {
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.Flush();
                batches.Add(buffer.WrittenMemory.ToArray());
                buffer.ResetWrittenCount();
                writer.Reset(buffer);
                inBatch = 0;
            }
        }

        return batches;
    }
}
