namespace TokenFactoryTwin.Domain.Simulation;

/// <summary>
/// Noise that is a pure function of (seed, tick, GPU, channel): the same seed replays the same telemetry
/// whatever order or timing the ticks run in. SplitMix64 finalisers make the hash; Box–Muller makes it normal.
/// </summary>
public static class DeterministicNoise
{
    /// <summary>A uniform value in [0, 1).</summary>
    public static double Uniform(long seed, long tick, int gpu, int channel)
    {
        var x = Mix((ulong)seed ^ Mix((ulong)tick ^ Mix(((ulong)(uint)gpu << 8) | (uint)channel)));
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A standard normal value.</summary>
    public static double Gaussian(long seed, long tick, int gpu, int channel)
    {
        var u1 = Math.Max(Uniform(seed, tick, gpu, channel), 1e-12);
        var u2 = Uniform(seed, tick, gpu, channel + 1000);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A stable 64-bit seed from a name (string.GetHashCode is randomised per process, so it will not do).</summary>
    public static long SeedOf(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)Mix(hash);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
