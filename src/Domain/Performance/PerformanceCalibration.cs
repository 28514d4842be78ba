namespace TokenFactoryTwin.Domain.Performance;

/// <summary>
/// The throughput model's fitted constants: per GPU family, the efficiencies and fixed layer latency; for every family,
/// the latency of one collective inside and beyond the scale-up domain and a fixed overhead per decode step. Written by
/// <c>tools/Calibrate</c> into <c>catalog/calibration.json</c> with the points it was fitted on.
/// </summary>
public sealed record PerformanceCalibration(
    IReadOnlyDictionary<string, FamilyEfficiency> Families,
    double ScaleUpLatencyUs,
    double ScaleOutLatencyUs,
    double StepOverheadMs,
    double SequenceOverheadUs,
    IReadOnlyList<string> FittedOn,
    string FittedAt)
{
    /// <summary>
    /// The starting point of every fit and the figures used before any: HBM kernels reach about three quarters of peak
    /// bandwidth, large dense GEMMs about 60 % of peak math (less on CDNA, whose kernels are younger), NCCL/DeepEP-class
    /// collectives take about 4 µs per doubling of their ranks inside an NVLink domain and 15 µs over InfiniBand (so
    /// 8 ranks: 12 µs and 45 µs), and a step costs a millisecond of
    /// scheduling plus 5 µs per sequence a rank holds. See docs/throughput-model.md for the sources.
    /// </summary>
    public static PerformanceCalibration Default { get; } = new(
        new Dictionary<string, FamilyEfficiency>(StringComparer.Ordinal)
        {
            ["hopper"] = new(0.75, 0.65, 15),
            ["blackwell"] = new(0.75, 0.6, 12),
            ["cdna"] = new(0.6, 0.45, 25),
        },
        4,
        15,
        1,
        5,
        [],
        "");

    /// <summary>The efficiencies of <paramref name="family"/>, or the most conservative family's for one never calibrated.</summary>
    public FamilyEfficiency For(string family) =>
        Families.TryGetValue(family, out var efficiency) ? efficiency
        : Families.Values.OrderBy(f => f.MemoryEfficiency * f.ComputeEfficiency).First();
}
