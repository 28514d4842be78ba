using TokenFactoryTwin.Domain.Simulation;

namespace TokenFactoryTwin.Grains.Placement;

/// <summary>
/// Tells a grain spread by key (<see cref="SpreadByKeyPlacement"/>) when it is no longer on its home silo: placement
/// decides only at activation, so racks activated while one silo was up would stay there after others join. After
/// each change of the cluster's membership it checks once, <see cref="Settle"/> later (a joining silo is active and
/// known to the others by then) plus a stagger of up to <see cref="Stagger"/> from its key, so a thousand racks move
/// over those seconds instead of in one; a silo that leaves needs nothing, its grains re-activate where placement
/// puts them. The check is a comparison of membership versions, cheap enough for every flush period.
/// </summary>
public sealed class HomeSilo(IClusterMembershipService membership, ILocalSiloDetails local, string key)
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Stagger = TimeSpan.FromSeconds(20);

    private readonly TimeSpan _stagger = Stagger * DeterministicNoise.Uniform(DeterministicNoise.SeedOf(key), 2, 0, 0);
    private long _seenVersion = -1;
    private DateTimeOffset? _checkAt;

    /// <summary>The silo this grain belongs on when that is time to check and it is not this one; null otherwise.</summary>
    public SiloAddress? Elsewhere(DateTimeOffset now)
    {
        var snapshot = membership.CurrentSnapshot;
        if (snapshot.Version.Value != _seenVersion)
        {
            _seenVersion = snapshot.Version.Value;
            _checkAt = now + Settle + _stagger;
        }

        if (_checkAt is not { } checkAt || now < checkAt)
        {
            return null;
        }

        _checkAt = null;
        var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToList();
        if (active.Count == 0 || !active.Contains(local.SiloAddress))
        {
            return null; // this silo is leaving or not yet in: its grains move when it goes
        }

        var home = SiloSpread.HomeOf(key, active);
        return home.Equals(local.SiloAddress) ? null : home;
    }
}
