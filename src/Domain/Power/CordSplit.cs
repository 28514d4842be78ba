namespace TokenFactoryTwin.Domain.Power;

/// <summary>
/// How a rack's IT load divides over its A and B cords. Dual-corded power supplies share the load while both
/// sides are up; when one side is lost the other carries all of it. That full load is what each cord must be
/// able to carry for the rack to survive the loss of a feed (the N+1 check).
/// </summary>
public static class CordSplit
{
    public static (CordLoad A, CordLoad B) Split(double rackKw, bool hasB, bool aLive = true, bool bLive = true)
    {
        if (!hasB)
        {
            return (aLive ? new CordLoad(rackKw, rackKw) : default, default);
        }

        return (aLive, bLive) switch
        {
            (true, true) => (new CordLoad(rackKw / 2, rackKw), new CordLoad(rackKw / 2, rackKw)),
            (true, false) => (new CordLoad(rackKw, rackKw), default),
            (false, true) => (default, new CordLoad(rackKw, rackKw)),
            _ => (default, default),
        };
    }
}
