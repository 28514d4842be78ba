using TokenFactoryTwin.Domain.Placement;

namespace TokenFactoryTwin.Grains.Placement;

/// <summary>The silo a key belongs to among a set of silos: rendezvous hashing over their addresses (<see cref="RendezvousHash"/>).</summary>
public static class SiloSpread
{
    public static SiloAddress HomeOf(string key, IReadOnlyList<SiloAddress> silos)
    {
        if (silos.Count == 0)
        {
            throw new OrleansException($"no silo can host '{key}'");
        }

        // The parsable form holds the endpoint and the generation: a silo restarted on the same port is a new member.
        var names = new string[silos.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = silos[i].ToParsableString();
        }

        return silos[RendezvousHash.Pick(key, names)];
    }
}
