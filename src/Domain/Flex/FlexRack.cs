using TokenFactoryTwin.Domain.Performance.PowerCap;

namespace TokenFactoryTwin.Domain.Flex;

/// <summary>
/// A rack as a flex plan sees it: its GPU power curve, how many GPUs report, its tokens/s uncapped, its hall's PUE
/// (a watt of GPU power is PUE watts at the facility meter), where it stands now (<see cref="StartCapW"/>: its current
/// cap or draw), its priority and the lowest speed its interactivity floor allows.
/// </summary>
public sealed record FlexRack(
    int Index,
    GpuPowerCurve Curve,
    int Gpus,
    double NaturalTokensPerSecond,
    double Pue,
    double StartCapW,
    int Priority,
    double MinSpeed)
{
    /// <summary>Facility kW the rack draws for its GPUs under a cap.</summary>
    public double FacilityKwAt(double capW) => Curve.DrawUnder(capW) * Gpus / 1000 * Pue;

    public double TokensAt(double capW) => NaturalTokensPerSecond * Curve.SpeedAt(capW);

    /// <summary>Facility kW the rack's GPUs draw where it stands now.</summary>
    public double StartKw { get; } = Curve.DrawUnder(StartCapW) * Gpus / 1000 * Pue;

    /// <summary>Tokens/s the rack serves where it stands now.</summary>
    public double StartTokens { get; } = NaturalTokensPerSecond * Curve.SpeedAt(StartCapW);

    /// <summary>The lowest cap the plan may give this rack: the GPU's floor, or what its interactivity floor allows.</summary>
    public double FloorCapW { get; } = LowestCap(Curve, StartCapW, MinSpeed);

    private static double LowestCap(GpuPowerCurve curve, double startW, double minSpeed)
    {
        var low = Math.Min(curve.MinCapW, startW);
        if (curve.SpeedAt(low) >= minSpeed)
        {
            return low;
        }

        if (curve.SpeedAt(startW) < minSpeed)
        {
            return startW;
        }

        // Speed rises with the cap: bisect for the lowest cap that still meets the floor.
        double lo = low, hi = startW;
        for (var i = 0; i < 40; i++)
        {
            var mid = (lo + hi) / 2;
            if (curve.SpeedAt(mid) >= minSpeed)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }
}
