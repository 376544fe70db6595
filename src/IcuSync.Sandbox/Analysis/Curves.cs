namespace IcuSync.Sandbox.Analysis;

/// <summary>Best-average curves (power, HR) and fastest-distance curves (pace) of one activity.</summary>
internal static class Curves
{
    /// <summary>Durations in seconds at which curves are sampled.</summary>
    public static readonly int[] SecsGrid =
        [1, 2, 3, 5, 10, 15, 20, 30, 40, 60, 90, 120, 180, 240, 300, 360, 480, 600, 720, 900, 1200, 1500, 1800,
         2400, 3000, 3600, 4500, 5400, 7200, 9000, 10800, 14400, 18000];

    /// <summary>Distances in meters at which run pace curves are sampled.</summary>
    public static readonly double[] RunDistances = [400, 800, 1000, 1609.344, 3000, 5000, 10000, 15000, 21097.5, 30000, 42195];

    /// <summary>Distances in meters at which swim pace curves are sampled.</summary>
    public static readonly double[] SwimDistances = [50, 100, 200, 400, 800, 1000, 1500, 1900, 3800];

    /// <summary>One point: the best value and where it happened (samples [Start, End)).</summary>
    internal readonly record struct Point(double Value, int Start, int End);

    /// <summary>Highest mean of <paramref name="data"/> over each grid duration that fits.</summary>
    public static SortedDictionary<int, Point> MaxMean(IReadOnlyList<double?> data)
    {
        var n = data.Count;
        var prefix = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            prefix[i + 1] = prefix[i] + (data[i] ?? 0);
        }

        var result = new SortedDictionary<int, Point>();
        foreach (var d in SecsGrid)
        {
            if (d > n)
            {
                break;
            }

            var best = double.MinValue;
            var at = 0;
            for (var i = 0; i + d <= n; i++)
            {
                var sum = prefix[i + d] - prefix[i];
                if (sum > best)
                {
                    best = sum;
                    at = i;
                }
            }

            result[d] = new Point(best / d, at, at + d);
        }

        return result;
    }

    /// <summary>Fewest seconds needed to cover each distance (meters), from the cumulative distance stream.</summary>
    public static SortedDictionary<double, Point> Fastest(IReadOnlyList<double?> distance, IReadOnlyList<double> targets)
    {
        var n = distance.Count;
        var result = new SortedDictionary<double, Point>();
        foreach (var target in targets)
        {
            var best = int.MaxValue;
            var bestStart = 0;
            var j = 0;
            for (var i = 0; i < n; i++)
            {
                var origin = i == 0 ? 0 : distance[i - 1] ?? 0;
                if (j < i)
                {
                    j = i;
                }

                while (j < n && (distance[j] ?? 0) - origin < target)
                {
                    j++;
                }

                if (j >= n)
                {
                    break;
                }

                var secs = j - i + 1;
                if (secs < best)
                {
                    best = secs;
                    bestStart = i;
                }
            }

            if (best != int.MaxValue)
            {
                result[target] = new Point(best, bestStart, bestStart + best);
            }
        }

        return result;
    }

    /// <summary>One best effort (<c>Effort</c> on the wire).</summary>
    internal readonly record struct Effort(int StartIndex, int EndIndex, double Average, int Duration, double Distance);

    /// <summary>
    /// The <paramref name="count"/> best non-overlapping efforts of <paramref name="duration"/> seconds or
    /// <paramref name="distance"/> meters, by average of <paramref name="data"/>.
    /// </summary>
    public static List<Effort> BestEfforts(
        StreamSet streams, IReadOnlyList<double?> data, int? duration, double? distance, int count, double? minValue,
        IReadOnlyList<(int Start, int End)> excluded, int startIndex, int endIndex)
    {
        var n = endIndex <= 0 ? data.Count : Math.Min(endIndex, data.Count);
        var from = Math.Clamp(startIndex, 0, n);
        var prefix = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            prefix[i + 1] = prefix[i] + (data[i] ?? 0);
        }

        var candidates = new List<(int Start, int End, double Average)>();
        if (duration is { } d && d > 0)
        {
            for (var i = from; i + d <= n; i++)
            {
                candidates.Add((i, i + d, (prefix[i + d] - prefix[i]) / d));
            }
        }
        else if (distance is { } meters && meters > 0 && streams["distance"] is { } dist)
        {
            var j = from;
            for (var i = from; i < n; i++)
            {
                var origin = i == 0 ? 0 : dist[i - 1] ?? 0;
                j = Math.Max(j, i);
                while (j < n && (dist[j] ?? 0) - origin < meters)
                {
                    j++;
                }

                if (j >= n)
                {
                    break;
                }

                candidates.Add((i, j + 1, (prefix[j + 1] - prefix[i]) / (j + 1 - i)));
            }
        }

        var chosen = new List<Effort>();
        foreach (var c in candidates.OrderByDescending(c => c.Average).ThenBy(c => c.Start))
        {
            if (chosen.Count >= count)
            {
                break;
            }

            if (minValue is { } min && c.Average < min)
            {
                break;
            }

            if (chosen.Any(e => c.Start < e.EndIndex && e.StartIndex < c.End) || excluded.Any(x => c.Start < x.End && x.Start < c.End))
            {
                continue;
            }

            var covered = (streams.DistanceAt(c.End - 1) ?? 0) - (c.Start == 0 ? 0 : streams.DistanceAt(c.Start - 1) ?? 0);
            var secs = (int)Math.Round(streams.TimeAt(c.End - 1) + 1 - streams.TimeAt(c.Start));
            chosen.Add(new Effort(c.Start, c.End, Math.Round(c.Average, 2), secs, Math.Round(covered, 1)));
        }

        return chosen;
    }
}
