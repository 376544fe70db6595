namespace IcuSync.Sandbox.Data;

/// <summary>
/// A small, fast, seedable generator (SplitMix64). Used instead of <see cref="Random"/> so the generated data is
/// identical across runtimes and so each activity's streams can be regenerated on their own from a derived seed.
/// </summary>
internal sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public static ulong Mix(ulong a, ulong b)
    {
        var z = a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Hash(string text)
    {
        // FNV-1a: stable across processes (string.GetHashCode is randomized per process).
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Range(double min, double max) => min + (NextDouble() * (max - min));

    /// <summary>Uniform integer in [min, max] inclusive.</summary>
    public int Int(int min, int max) => min + (int)(NextUInt64() % (ulong)(max - min + 1));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Approximately normal (triangular from two uniforms), mean 0, standard deviation 1.</summary>
    public double Gaussian() => (NextDouble() + NextDouble() - 1.0) * 2.449489742783178;

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count - 1)];
}
