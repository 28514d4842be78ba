namespace TokenFactoryTwin.Domain.Performance.PowerCap;

/// <summary>
/// One GPU's draw and speed as its SM clock (or a power cap that the clock governor enforces) moves, at one operating
/// point. Draw runs from the idle floor up to <see cref="NaturalW"/>, what the GPU draws at full clock at this load:
/// a cap at or above it does not bind. Below it, the governor lowers the clock f until
/// draw(f) = idle + (natural − idle) × (h + (1 − h) × f^α) meets the cap, where h is the share of dynamic power that does
/// not follow the SM clock (HBM, I/O), larger for memory-bound steps. The step then takes
/// time(f) = Σ share × (1 + κ × (1/f − 1)) of its full-clock time, with κ = 1 for math, near 0 for HBM traffic: so a
/// memory-bound decode step sheds watts for few tokens and a compute-bound prefill slows about with the clock.
/// The equations, their sources and their weaknesses are in docs/throughput-model.md, section 7.
/// </summary>
public sealed class GpuPowerCurve
{
    /// <summary>Dynamic power ∝ f·V², with V rising with f near the top of the DVFS range (assumption: f^2.5 between f·V² at fixed V and f³).</summary>
    public const double ClockExponent = 2.5;

    /// <summary>The lowest clock a plan asks for, as a share of full clock: below it the model is not trusted (assumption).</summary>
    public const double MinClock = 0.4;

    // Share of a class's dynamic power that does not follow the SM clock (assumptions, see the docs).
    private const double MemoryFixedPower = 0.55;
    private const double ComputeFixedPower = 0.1;
    private const double CommunicationFixedPower = 0.4;
    private const double LatencyFixedPower = 0.3;

    // How much of a class's time stretches with 1/f (1: all of it). HBM-bound kernels barely slow with the SM clock.
    private const double MemoryClockSensitivity = 0.1;
    private const double CommunicationClockSensitivity = 0.35;
    private const double LatencyClockSensitivity = 0.5;

    private static readonly double MinClockPower = Math.Pow(MinClock, ClockExponent);

    private readonly double _fixedShare;
    private readonly StepMix _mix;
    private readonly double _drawAtMinClock;

    public GpuPowerCurve(double idleW, double ratedW, double naturalW, StepMix mix)
    {
        IdleW = idleW;
        RatedW = ratedW;
        NaturalW = Math.Clamp(naturalW, 0, ratedW);
        _mix = mix;
        _fixedShare = (mix.Memory * MemoryFixedPower) + (mix.Compute * ComputeFixedPower)
            + (mix.Communication * CommunicationFixedPower) + (mix.Fixed * LatencyFixedPower);
        _drawAtMinClock = DrawAt(MinClock);
        MinCapW = NaturalW <= idleW ? NaturalW : Math.Max(idleW, _drawAtMinClock);
    }

    public double IdleW { get; }

    public double RatedW { get; }

    /// <summary>The draw at full clock at this load: the cap stops binding at or above it.</summary>
    public double NaturalW { get; }

    /// <summary>The lowest cap a plan may set: the draw at <see cref="MinClock"/>, never below idle.</summary>
    public double MinCapW { get; }

    /// <summary>The share of dynamic power that does not follow the SM clock, for this mix.</summary>
    public double ClockInsensitivePower => _fixedShare;

    /// <summary>Watts drawn at a clock <paramref name="clock"/> (share of full clock, 0..1].</summary>
    public double DrawAt(double clock)
    {
        var dynamic = Math.Max(0, NaturalW - IdleW);
        return IdleW + (dynamic * (_fixedShare + ((1 - _fixedShare) * Math.Pow(clock, ClockExponent))));
    }

    /// <summary>The clock a cap of <paramref name="capW"/> per GPU leaves: 1 when it does not bind, never below <see cref="MinClock"/>.</summary>
    public double ClockAt(double capW)
    {
        var dynamic = NaturalW - IdleW;
        if (capW >= NaturalW || dynamic <= 0)
        {
            return 1;
        }

        var scaled = ((capW - IdleW) / dynamic - _fixedShare) / (1 - _fixedShare);
        return scaled <= MinClockPower ? MinClock : Math.Pow(scaled, 1 / ClockExponent);
    }

    /// <summary>Speed (share of full-clock tokens/s) at a clock: 1 over the stretched step time.</summary>
    public double SpeedAtClock(double clock)
    {
        var stretch = (1 / clock) - 1;
        var time = (_mix.Memory * (1 + (MemoryClockSensitivity * stretch)))
            + (_mix.Compute * (1 + stretch))
            + (_mix.Communication * (1 + (CommunicationClockSensitivity * stretch)))
            + (_mix.Fixed * (1 + (LatencyClockSensitivity * stretch)));
        return 1 / time;
    }

    /// <summary>Speed under a per-GPU cap of <paramref name="capW"/>: 1 when the cap does not bind.</summary>
    public double SpeedAt(double capW) => SpeedAtClock(ClockAt(capW));

    /// <summary>What the GPU draws under a cap: the cap when it binds (down to the draw at the lowest clock), else its natural draw.</summary>
    public double DrawUnder(double capW) => Math.Min(NaturalW, Math.Max(capW, _drawAtMinClock));
}
