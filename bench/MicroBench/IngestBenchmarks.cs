using BenchmarkDotNet.Attributes;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Simulation;
using TokenFactoryTwin.Domain.Telemetry;

namespace TokenFactoryTwin.MicroBench;

/// <summary>
/// A rack's ingest path: validating and applying one 72-GPU batch (what a live rack grain does per call), and a
/// simulated rack's tick, as samples (the old path) and straight into its arrays (the path the grain uses).
/// </summary>
public class IngestBenchmarks
{
    private const int Batches = 4096;
    private static readonly RackProfile Gb300 = new("gb300", 72, 1400, 200, 135, 2.1, 6000, 0.5, 57_600, CoolingKinds.Liquid, 288);
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);
    private GpuSampleBatch[] _batches = [];
    private RackTelemetry _telemetry = null!;
    private RackSimulator _simulator = null!;
    private RackTelemetry _simulated = null!;
    private int _next;
    private int _tick;

    [GlobalSetup]
    public void Setup()
    {
        // Whole batches with rising timestamps, so every sample is applied rather than ignored as a replay.
        var source = new RackSimulator(Gb300, new LoadCurveSpec(LoadCurveKinds.Constant, 0.8), 7, "rack-1");
        _batches = Enumerable.Range(0, Batches).Select(i => GpuSampleBatch.Of(source.Tick(T0.AddSeconds(i)).ToList())).ToArray();
        _telemetry = new RackTelemetry(Gb300);
        _simulator = new RackSimulator(Gb300, new LoadCurveSpec(LoadCurveKinds.Constant, 0.8), 7, "rack-2");
        _simulated = new RackTelemetry(Gb300, _simulator.UuidOf);
    }

    [Benchmark(Description = "RackTelemetry.Ingest, 72-GPU batch")]
    public int Ingest72()
    {
        if (_next == Batches)
        {
            _next = 0;
            _telemetry = new RackTelemetry(Gb300);
        }

        var batch = _batches[_next++];
        return _telemetry.Ingest(batch, batch.Samples[0].Timestamp, SampleLimits.Default).Accepted;
    }

    [Benchmark(Description = "Rack totals (72 GPUs)")]
    public double Totals() => _telemetry.Totals(T0.AddSeconds(_next), TimeSpan.FromSeconds(5)).TokensPerSecond;

    [Benchmark(Description = "Simulated tick as 72 samples, applied")]
    public int SimulateAsSamples()
    {
        var at = T0.AddSeconds(++_tick);
        var samples = _simulator.Tick(at);
        for (var i = 0; i < samples.Count; i++)
        {
            _simulated.Apply(PackedGpuSample.From(samples[i]), samples[i].Uuid);
        }

        return samples.Count;
    }

    [Benchmark(Description = "Simulated tick into the rack's arrays")]
    public int SimulateIntoArrays()
    {
        _simulator.Tick(T0.AddSeconds(++_tick), _simulated);
        return Gb300.Gpus;
    }
}
