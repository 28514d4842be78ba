namespace TokenFactoryTwin.Domain.Placement;

/// <summary>
/// Rendezvous (highest random weight) hashing: each key goes to the member whose hash of (key, member) is highest.
/// Every silo computes the same answer from the same member list without talking to the others, keys spread evenly,
/// and when a member joins only the keys it wins move (about 1/N of them); when one leaves only its own keys move.
/// </summary>
public static class RendezvousHash
{
    /// <summary>The index in <paramref name="members"/> of the member <paramref name="key"/> belongs to; -1 when there is none.</summary>
    public static int Pick(string key, IReadOnlyList<string> members)
    {
        var keyHash = Fnv1a(key, 14695981039346656037ul);
        var best = -1;
        var bestWeight = 0ul;
        for (var i = 0; i < members.Count; i++)
        {
            var weight = Mix(Fnv1a(members[i], keyHash));
            // Ties (vanishingly rare) go to the lower member name, so the answer does not depend on the list's order.
            if (best < 0 || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(members[i], members[best]) < 0))
            {
                best = i;
                bestWeight = weight;
            }
        }

        return best;
    }

    /// <summary>FNV-1a over the string's UTF-16 code units, from <paramref name="seed"/>: stable from run to run, unlike string.GetHashCode.</summary>
    private static ulong Fnv1a(string text, ulong seed)
    {
        var hash = seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211ul;
        }

        return hash;
    }

    /// <summary>SplitMix64's finaliser: FNV alone mixes its last characters poorly, and weights must look random per pair.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ul;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebul;
        return z ^ (z >> 31);
    }
}
