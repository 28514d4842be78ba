using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.PowerCaps;

namespace TokenFactoryTwin.Domain.Simulation;

/// <summary>
/// Generates a rack's per-GPU telemetry, as a real exporter would report it, from the rack's hardware profile,
/// the operating point of its workload and its load curve. Power follows load between idle and TDP; tokens
/// follow load up to the operating point; temperature follows power above the coolant or inlet temperature.
/// Counters (tokens, energy in mJ) integrate over ticks. Under a flex event's cap a GPU enforces the cap as its power
/// limit and, while held at it, reports the power-cap clocks-event reason. Deterministic for a seed and a sequence of tick times.
/// </summary>
public sealed class RackSimulator
{
    private const double MiBPerGB = 953.674;

    /// <summary>Spread of each GPU's load around the rack's, as a fraction, when the load curve does not say.</summary>
    private const double DefaultNoise = 0.03;

    /// <summary>Inlet (°C) of a liquid-cooled GPU: warm-water coolant supply.</summary>
    private const double LiquidInletC = 32.0;

    /// <summary>Rise (°C) above the coolant of a liquid-cooled GPU at TDP.</summary>
    private const double LiquidRiseAtTdpC = 30.0;

    /// <summary>Inlet (°C) of an air-cooled GPU: cold-aisle air.</summary>
    private const double AirInletC = 24.0;

    /// <summary>Rise (°C) above the inlet of an air-cooled GPU at TDP.</summary>
    private const double AirRiseAtTdpC = 48.0;

    /// <summary>Longest gap between ticks (s) that counters integrate over: a longer pause is not counted as work.</summary>
    private const double MaxTickGapSeconds = 60;

    /// <summary>Utilisation reads a little above load, as exporters report a GPU busy for part of each sample.</summary>
    private const double UtilizationPerLoad = 1.05;

    /// <summary>Memory in use at no load (weights and runtime), as a fraction of HBM.</summary>
    private const double IdleMemoryShare = 0.55;

    /// <summary>Memory the KV cache adds at full load, as a fraction of HBM.</summary>
    private const double LoadMemoryShare = 0.4;

    private const double MillijoulesPerJoule = 1000;
    private readonly RackProfile _profile;
    private readonly ILoadCurve _curve;
    private readonly double _noise;
    private readonly long _seed;
    private readonly string _uuidPrefix;
    private readonly double[] _prompt;
    private readonly double[] _generation;
    private readonly double[] _energyMj;
    private readonly double _inlet;
    private readonly double _rise;
    private DateTimeOffset? _lastTick;

    public RackSimulator(RackProfile profile, LoadCurveSpec? load, long seed, string rackId)
    {
        _profile = profile;
        _curve = LoadCurves.From(load);
        _noise = load?.Noise ?? DefaultNoise;
        _seed = seed;
        _uuidPrefix = $"GPU-{(ulong)DeterministicNoise.SeedOf(rackId):x16}";
        _prompt = new double[profile.Gpus];
        _generation = new double[profile.Gpus];
        _energyMj = new double[profile.Gpus];
        var liquid = profile.Cooling == CoolingKinds.Liquid;
        _inlet = liquid ? LiquidInletC : AirInletC;
        _rise = liquid ? LiquidRiseAtTdpC : AirRiseAtTdpC;
    }

    /// <summary>A flex event's cap: each GPU draws at most the cap and serves the planned share of its tokens/s.</summary>
    public Abstractions.Flex.RackPowerCap? PowerCap { get; set; }

    /// <summary>The load level of the latest tick, for figures the rack derives rather than measures (uplink traffic).</summary>
    public double LastLevel { get; private set; }

    public IReadOnlyList<GpuSample> Tick(DateTimeOffset at)
    {
        var (tick, level, dt) = Advance(at);
        var samples = new GpuSample[_profile.Gpus];
        for (var gpu = 0; gpu < samples.Length; gpu++)
        {
            var r = Reading(gpu, tick, level, dt);
            samples[gpu] = new GpuSample(gpu, at, r.PowerW, r.EnergyMillijoules, r.UtilizationPercent, r.TemperatureC, r.MemoryUsedMiB,
                r.PromptTokens, r.GenerationTokens, UuidOf(gpu), r.EnforcedPowerLimitW, r.ClocksEventReasons);
        }

        return samples;
    }

    /// <summary>
    /// The same tick as <see cref="Tick(DateTimeOffset)"/>, written straight into the rack's arrays: no sample objects
    /// and no UUID strings per GPU per period, which at a gigawatt (533k GPUs a second) is most of what the twin would
    /// otherwise allocate. The rack names its GPUs on demand through <see cref="UuidOf"/>.
    /// </summary>
    public void Tick(DateTimeOffset at, RackTelemetry into)
    {
        var (tick, level, dt) = Advance(at);
        for (var gpu = 0; gpu < _profile.Gpus; gpu++)
        {
            into.Apply(gpu, tick, Reading(gpu, tick, level, dt));
        }
    }

    /// <summary>The UUID an exporter would report for a GPU of this rack: stable per rack id.</summary>
    public string UuidOf(int gpu) => $"{_uuidPrefix}-{gpu:d2}";

    private (long Tick, double Level, double Dt) Advance(DateTimeOffset at)
    {
        var dt = _lastTick is { } last ? Math.Clamp((at - last).TotalSeconds, 0, MaxTickGapSeconds) : 0;
        _lastTick = at;
        var level = Math.Clamp(_curve.LevelAt(at), 0, 1);
        LastLevel = level;
        return (at.ToUnixTimeMilliseconds(), level, dt);
    }

    private GpuReading Reading(int gpu, long tick, double level, double dt)
    {
        var gpuLevel = Math.Clamp(level * (1 + _noise * DeterministicNoise.Gaussian(_seed, tick, gpu, 0)), 0, 1);
        var powerW = _profile.GpuIdleW + (_profile.GpuTdpW - _profile.GpuIdleW) * gpuLevel;
        var tokensPerSecond = _profile.TokensPerGpuPerSecond * gpuLevel;
        var reasons = 0L;
        if (PowerCap is { } cap && powerW > cap.WattsPerGpu)
        {
            // The clock governor holds the GPU at its cap; the step slows as the power-cap model planned, and the
            // GPU reports why its clocks are down, as NVML does.
            powerW = Math.Max(_profile.GpuIdleW, cap.WattsPerGpu);
            tokensPerSecond *= cap.Speed;
            reasons = ClocksEventReasons.SwPowerCap;
        }

        _prompt[gpu] += tokensPerSecond * (1 - _profile.OutputShare) * dt;
        _generation[gpu] += tokensPerSecond * _profile.OutputShare * dt;
        _energyMj[gpu] += powerW * dt * MillijoulesPerJoule;
        var temperature = _inlet + _rise * powerW / _profile.GpuTdpW + DeterministicNoise.Gaussian(_seed, tick, gpu, 1);
        return new GpuReading(
            PowerW: powerW,
            EnergyMillijoules: Math.Floor(_energyMj[gpu]),
            UtilizationPercent: Math.Round(100 * Math.Min(1, gpuLevel * UtilizationPerLoad)),
            TemperatureC: Math.Round(temperature, 1),
            MemoryUsedMiB: Math.Round(_profile.HbmGB * MiBPerGB * (IdleMemoryShare + LoadMemoryShare * gpuLevel)),
            PromptTokens: Math.Floor(_prompt[gpu]),
            GenerationTokens: Math.Floor(_generation[gpu]),
            // A capped GPU's driver enforces the cap (the cluster's agent applied it); else its board limit, the TDP.
            EnforcedPowerLimitW: PowerCap?.WattsPerGpu ?? _profile.GpuTdpW,
            ClocksEventReasons: reasons);
    }
}
