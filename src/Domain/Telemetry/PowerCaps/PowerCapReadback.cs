namespace TokenFactoryTwin.Domain.Telemetry.PowerCaps;

/// <summary>
/// What a GPU's own readings say about a power cap: whether one binds now (the driver holds its clocks for the power
/// limit, or it draws within a few percent of the limit it enforces), and whether the limit it enforces is the cap
/// the twin recommends for it (a cluster agent that did not apply the cap leaves the old limit in place).
/// </summary>
public static class PowerCapReadback
{
    /// <summary>A GPU drawing this share of its enforced limit or more is at its cap, whatever its reasons say.</summary>
    public const double BindingShareOfLimit = 0.97;

    /// <summary>
    /// An enforced limit within this many watts of the recommended cap counts as applied: drivers set whole watts
    /// and clamp to the board's minimum, and an agent may round. 5 % of the cap, at least 10 W.
    /// </summary>
    public static double ToleranceW(double recommendedCapW) => Math.Max(10, 0.05 * recommendedCapW);

    /// <summary>A cap binds: the software power-cap reason is set, or the draw is at (≥ 97 % of) the enforced limit.</summary>
    public static bool Binds(double? powerW, double? enforcedLimitW, long? reasons) =>
        (reasons is { } r && (r & ClocksEventReasons.SwPowerCap) != 0)
        || (powerW is { } p && enforcedLimitW is { } limit && limit > 0 && p >= BindingShareOfLimit * limit);

    /// <summary>
    /// The GPU enforces a limit other than the cap the twin recommends (beyond <see cref="ToleranceW"/>); false when
    /// there is no cap to compare with or the GPU does not report its limit (nothing can be said then).
    /// </summary>
    public static bool CapNotApplied(double? enforcedLimitW, double? recommendedCapW) =>
        enforcedLimitW is { } limit && recommendedCapW is { } cap && Math.Abs(limit - cap) > ToleranceW(cap);
}
