using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Telemetry.PowerCaps;

namespace TokenFactoryTwin.Domain.Telemetry;

/// <summary>
/// The hot state of one rack's GPUs, held in arrays (one slot per GPU) so a rack of 72 GPUs takes one object and
/// one grain call per batch rather than 72. Applies validated samples, turns counters into rates, and sums the
/// rack. Samples are keyed by (GPU, metric, timestamp): a reading no newer than that GPU's last reading of the same
/// metric changes nothing, so replays change nothing while two sources (an exporter and an inference server) may
/// report the same GPU at the same instant.
/// </summary>
public sealed class RackTelemetry
{
    private readonly RackProfile _profile;
    private readonly long[] _lastSampleMs;
    private readonly long[] _powerMs;
    private readonly long[] _utilizationMs;
    private readonly long[] _temperatureMs;
    private readonly long[] _memoryMs;
    private readonly double[] _powerW;
    private readonly double[] _utilization;
    private readonly double[] _temperatureC;
    private readonly double[] _memoryMiB;
    private readonly long[] _limitMs;
    private readonly long[] _reasonsMs;
    private readonly double[] _enforcedLimitW;
    private readonly double[] _reasons;
    private readonly CounterTrack[] _prompt;
    private readonly CounterTrack[] _generation;
    private readonly CounterTrack[] _energy;
    private readonly string?[] _uuid;
    private readonly Func<int, string>? _uuidOf;

    /// <param name="uuidOf">
    /// Names a GPU that has reported but never sent its UUID (a simulated rack derives its names rather than hold
    /// half a million strings for a gigawatt facility).
    /// </param>
    public RackTelemetry(RackProfile profile, Func<int, string>? uuidOf = null)
    {
        _profile = profile;
        _uuidOf = uuidOf;
        var n = profile.Gpus;
        _lastSampleMs = new long[n];
        _powerMs = new long[n];
        _utilizationMs = new long[n];
        _temperatureMs = new long[n];
        _memoryMs = new long[n];
        _powerW = Filled(n);
        _utilization = Filled(n);
        _temperatureC = Filled(n);
        _memoryMiB = Filled(n);
        _limitMs = new long[n];
        _reasonsMs = new long[n];
        _enforcedLimitW = Filled(n);
        _reasons = Filled(n);
        _prompt = new CounterTrack[n];
        _generation = new CounterTrack[n];
        _energy = new CounterTrack[n];
        _uuid = new string?[n];
    }

    public int Gpus => _profile.Gpus;

    public IngestResult Ingest(IReadOnlyCollection<GpuSample> samples, DateTimeOffset now, SampleLimits limits) =>
        Ingest(GpuSampleBatch.Of(samples), now, limits);

    /// <summary>Validates each sample of the batch and applies the valid ones; a bad sample is refused whole, by index.</summary>
    public IngestResult Ingest(GpuSampleBatch batch, DateTimeOffset now, SampleLimits limits)
    {
        var accepted = 0;
        List<IngestError>? errors = null;
        var samples = batch.Samples;
        for (var i = 0; i < samples.Length; i++)
        {
            ref readonly var sample = ref samples[i];
            var problem = SampleValidator.Check(sample, Gpus, now, limits);
            if (problem is not null)
            {
                (errors ??= []).Add(new IngestError(i, problem));
                continue;
            }

            Apply(sample, batch.UuidAt(i));
            accepted++;
        }

        return new IngestResult(accepted, errors?.Count ?? 0, errors ?? (IReadOnlyList<IngestError>)[]);
    }

    /// <summary>Applies a sample already known to be valid.</summary>
    public void Apply(in PackedGpuSample sample, string? uuid = null)
    {
        var g = sample.GpuIndex;
        var ms = sample.TimestampMs;
        var present = sample.Present;
        var r = sample.Readings;
        Gauge(_powerW, _powerMs, g, present, GpuMetrics.Power, r.PowerW, ms);
        Gauge(_utilization, _utilizationMs, g, present, GpuMetrics.Utilization, r.UtilizationPercent, ms);
        Gauge(_temperatureC, _temperatureMs, g, present, GpuMetrics.Temperature, r.TemperatureC, ms);
        Gauge(_memoryMiB, _memoryMs, g, present, GpuMetrics.Memory, r.MemoryUsedMiB, ms);
        Gauge(_enforcedLimitW, _limitMs, g, present, GpuMetrics.EnforcedPowerLimit, r.EnforcedPowerLimitW, ms);
        Gauge(_reasons, _reasonsMs, g, present, GpuMetrics.ClocksEventReasons, r.ClocksEventReasons, ms);
        if ((present & GpuMetrics.PromptTokens) != 0) _prompt[g].Observe(r.PromptTokens, ms);
        if ((present & GpuMetrics.GenerationTokens) != 0) _generation[g].Observe(r.GenerationTokens, ms);
        if ((present & GpuMetrics.Energy) != 0) _energy[g].Observe(r.EnergyMillijoules, ms);
        // A reading shows the GPU is alive; a replayed or older one does not make it any fresher.
        _lastSampleMs[g] = Math.Max(_lastSampleMs[g], ms);
        if (uuid is not null) _uuid[g] = uuid;
    }

    /// <summary>Applies a full reading already known to be valid (the simulator's own) without a sample object.</summary>
    public void Apply(int g, long timestampMs, in GpuReading reading)
    {
        if (timestampMs <= _lastSampleMs[g])
        {
            return;
        }

        // Every metric is present and newer than anything held, so each gauge and its stamp move together.
        _lastSampleMs[g] = timestampMs;
        _powerW[g] = reading.PowerW;
        _powerMs[g] = timestampMs;
        _utilization[g] = reading.UtilizationPercent;
        _utilizationMs[g] = timestampMs;
        _temperatureC[g] = reading.TemperatureC;
        _temperatureMs[g] = timestampMs;
        _memoryMiB[g] = reading.MemoryUsedMiB;
        _memoryMs[g] = timestampMs;
        _enforcedLimitW[g] = reading.EnforcedPowerLimitW;
        _limitMs[g] = timestampMs;
        _reasons[g] = reading.ClocksEventReasons;
        _reasonsMs[g] = timestampMs;
        _prompt[g].Observe(reading.PromptTokens, timestampMs);
        _generation[g].Observe(reading.GenerationTokens, timestampMs);
        _energy[g].Observe(reading.EnergyMillijoules, timestampMs);
    }

    private static void Gauge(double[] values, long[] stamps, int g, GpuMetrics present, GpuMetrics metric, double value, long ms)
    {
        if ((present & metric) != 0 && ms > stamps[g])
        {
            values[g] = value;
            stamps[g] = ms;
        }
    }

    public bool IsFresh(int gpu, DateTimeOffset now, TimeSpan staleAfter) =>
        _lastSampleMs[gpu] != 0 && now.ToUnixTimeMilliseconds() - _lastSampleMs[gpu] <= staleAfter.TotalMilliseconds;

    public RackTotals Totals(DateTimeOffset now, TimeSpan staleAfter)
    {
        int reporting = 0, withUtilization = 0;
        var oldestSampleMs = long.MaxValue;
        double tokens = 0, output = 0, gpuW = 0, utilization = 0, maxTemperature = double.NaN;
        for (var g = 0; g < Gpus; g++)
        {
            if (!IsFresh(g, now, staleAfter))
            {
                continue;
            }

            reporting++;
            oldestSampleMs = Math.Min(oldestSampleMs, _lastSampleMs[g]);
            tokens += _prompt[g].Rate + _generation[g].Rate;
            output += _generation[g].Rate;
            gpuW += PowerOf(g) ?? 0;
            if (!double.IsNaN(_utilization[g]))
            {
                utilization += _utilization[g] / 100;
                withUtilization++;
            }

            if (!double.IsNaN(_temperatureC[g]) && !(_temperatureC[g] <= maxTemperature))
            {
                maxTemperature = _temperatureC[g];
            }
        }

        var meanUtilization = withUtilization > 0 ? utilization / withUtilization : 0;
        var gpuKw = gpuW / 1000;
        var reportingShare = Gpus > 0 ? (double)reporting / Gpus : 0;
        // Only GPUs are measured; the rest of the rack (CPUs, NICs, switch trays, fans or pumps) is estimated from the
        // catalog's rack IT power, idling at 60 % of its full-load draw and rising with GPU utilisation.
        var nonGpuKw = _profile.NonGpuKwAtFullLoad * reportingShare * (0.6 + 0.4 * meanUtilization);
        return new RackTotals(reporting, tokens, output, gpuKw, gpuKw + nonGpuKw, meanUtilization,
            double.IsNaN(maxTemperature) ? 0 : maxTemperature, reporting > 0 ? oldestSampleMs : null);
    }

    /// <summary>
    /// Of the GPUs reporting now: how many have a power cap binding, and how many enforce a limit other than
    /// <paramref name="recommendedCapW"/> (the cap a flex event recommends for this rack's GPUs; null when none).
    /// </summary>
    public (int Binding, int NotApplied) CapReadback(DateTimeOffset now, TimeSpan staleAfter, double? recommendedCapW)
    {
        int binding = 0, notApplied = 0;
        for (var g = 0; g < Gpus; g++)
        {
            if (!IsFresh(g, now, staleAfter))
            {
                continue;
            }

            var limit = NullIfNaN(_enforcedLimitW[g]);
            if (PowerCapReadback.Binds(PowerOf(g), limit, ReasonsOf(g), _profile.GpuTdpW, recommendedCapW))
            {
                binding++;
            }

            if (PowerCapReadback.CapNotApplied(limit, recommendedCapW))
            {
                notApplied++;
            }
        }

        return (binding, notApplied);
    }

    /// <param name="recommendedCapW">The cap a flex event recommends for this rack's GPUs; null when none.</param>
    public GpuStatus Gpu(string rackId, int g, DateTimeOffset now, TimeSpan staleAfter, double? recommendedCapW = null)
    {
        var seen = _lastSampleMs[g] != 0;
        var power = seen ? PowerOf(g) : null;
        var limit = NullIfNaN(_enforcedLimitW[g]);
        var reasons = ReasonsOf(g);
        return new GpuStatus(
            GpuIds.Format(rackId, g),
            rackId,
            g,
            UuidOf(g),
            power,
            NullIfNaN(_utilization[g]) / 100,
            NullIfNaN(_temperatureC[g]),
            NullIfNaN(_memoryMiB[g]),
            _prompt[g].Rate + _generation[g].Rate,
            _generation[g].Rate,
            seen ? DateTimeOffset.FromUnixTimeMilliseconds(_lastSampleMs[g]) : null,
            !IsFresh(g, now, staleAfter),
            limit,
            reasons,
            reasons is { } r ? ClocksEventReasons.Describe(r) : null,
            recommendedCapW,
            PowerCapReadback.Binds(power, limit, reasons, _profile.GpuTdpW, recommendedCapW),
            PowerCapReadback.CapNotApplied(limit, recommendedCapW));
    }

    /// <summary>Each GPU's flows now, as <see cref="Totals"/> counts them, for the split by tenant and model.</summary>
    public void Flows(DateTimeOffset now, TimeSpan staleAfter, Span<Workloads.GpuFlow> into)
    {
        for (var g = 0; g < Gpus; g++)
        {
            into[g] = IsFresh(g, now, staleAfter)
                ? new Workloads.GpuFlow(true, _prompt[g].Rate + _generation[g].Rate, _generation[g].Rate, PowerOf(g) ?? 0)
                : default;
        }
    }

    private long? ReasonsOf(int g) => double.IsNaN(_reasons[g]) ? null : (long)_reasons[g];

    public string? UuidOf(int g) => _uuid[g] ?? (_lastSampleMs[g] != 0 ? _uuidOf?.Invoke(g) : null);

    /// <summary>The power gauge where one reports; else the energy counter's rate (mJ/s is mW).</summary>
    private double? PowerOf(int g) =>
        !double.IsNaN(_powerW[g]) ? _powerW[g] : _energy[g].HasValue ? _energy[g].Rate / 1000 : null;

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;

    private static double[] Filled(int n)
    {
        var values = new double[n];
        Array.Fill(values, double.NaN);
        return values;
    }
}
