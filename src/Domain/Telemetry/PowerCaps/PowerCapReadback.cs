namespace TokenFactoryTwin.Domain.Telemetry.PowerCaps;

/// <summary>
/// What a GPU's own readings say about a power cap: whether one binds now (the driver holds its clocks for a power
/// limit set below the board's own, or it draws within a few percent of such a limit), and whether the limit it enforces is the cap
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

    /// <summary>
    /// A cap binds: the GPU is held at its limit (the software power-cap reason is set, or it draws ≥ 97 % of the limit
    /// it enforces) and that limit is a cap — a flex event recommends one for it, or it enforces less than its board's
    /// default limit (<paramref name="boardLimitW"/>, the catalog's TDP) beyond <see cref="ToleranceW"/>. A GPU at full
    /// load held at its own board limit is power-bound, as such GPUs usually are, not capped: no alarm for that.
    /// </summary>
    public static bool Binds(double? powerW, double? enforcedLimitW, long? reasons, double boardLimitW, double? recommendedCapW)
    {
        var held = (reasons is { } r && (r & ClocksEventReasons.SwPowerCap) != 0)
            || (powerW is { } p && enforcedLimitW is { } limit && limit > 0 && p >= BindingShareOfLimit * limit);
        var capped = recommendedCapW is not null
            || (enforcedLimitW is { } l && l < boardLimitW - ToleranceW(boardLimitW));
        return held && capped;
    }

    /// <summary>
    /// The GPU enforces a limit other than the cap the twin recommends (beyond <see cref="ToleranceW"/>); false when
    /// there is no cap to compare with or the GPU does not report its limit (nothing can be said then).
    /// </summary>
    public static bool CapNotApplied(double? enforcedLimitW, double? recommendedCapW) =>
        enforcedLimitW is { } limit && recommendedCapW is { } cap && Math.Abs(limit - cap) > ToleranceW(cap);
}
