namespace TokenFactoryTwin.Domain.Flex;

/// <summary>
/// The plan to beat: every GPU capped at the same share of its current draw, whatever it serves (down to its GPU's
/// floor; interactivity floors and priorities ignored, as a flat cut ignores them).
/// </summary>
public static class FlatCut
{
    public static (double ShedKw, double LostTokens) At(IReadOnlyList<FlexRack> racks, double share)
    {
        double shed = 0, lost = 0;
        foreach (var rack in racks)
        {
            var cap = Cap(rack, share);
            shed += rack.StartKw - rack.FacilityKwAt(cap);
            lost += Math.Max(0, rack.StartTokens - rack.TokensAt(cap));
        }

        return (shed, lost);
    }

    /// <summary>Facility kW a flat cut to <paramref name="share"/> sheds; no tokens worked out, for the bisection.</summary>
    private static double ShedAt(IReadOnlyList<FlexRack> racks, double share)
    {
        var shed = 0.0;
        foreach (var rack in racks)
        {
            shed += rack.StartKw - rack.FacilityKwAt(Cap(rack, share));
        }

        return shed;
    }

    private static double Cap(FlexRack rack, double share) => Math.Max(Math.Min(rack.Curve.MinCapW, rack.StartCapW), share * rack.StartCapW);

    /// <summary>The flat cut that sheds at least <paramref name="targetKw"/> (or the deepest one when it cannot), by bisection on the share.</summary>
    public static (double Share, double ShedKw, double LostTokens) For(IReadOnlyList<FlexRack> racks, double targetKw)
    {
        if (targetKw <= 0)
        {
            return (1, 0, 0);
        }

        if (ShedAt(racks, 0) < targetKw)
        {
            var deepest = At(racks, 0);
            return (0, deepest.ShedKw, deepest.LostTokens);
        }

        double lo = 0, hi = 1;
        for (var i = 0; i < 30; i++)
        {
            var mid = (lo + hi) / 2;
            if (ShedAt(racks, mid) >= targetKw)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var (shed, lost) = At(racks, lo);
        return (lo, shed, lost);
    }
}
