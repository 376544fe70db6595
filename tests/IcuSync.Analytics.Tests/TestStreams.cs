namespace IcuSync.Analytics.Tests;

/// <summary>Synthetic streams whose metrics have closed forms.</summary>
internal static class TestStreams
{
    public static double[] Constant(double value, int seconds) => Enumerable.Repeat(value, seconds).ToArray();

    public static double[] Concat(params double[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>p[i] = start + step·i.</summary>
    public static double[] Ramp(double start, double step, int seconds) => Enumerable.Range(0, seconds).Select(i => start + (step * i)).ToArray();

    /// <summary>A deterministic ride: steady riding with intervals, sprints and coasting, 1 Hz.</summary>
    public static double[] Ride(int seconds, int seed = 42)
    {
        var random = new Random(seed);
        var watts = new double[seconds];
        for (var i = 0; i < seconds; i++)
        {
            var phase = i % 1200;
            var baseline = phase < 240 ? 320 : phase < 300 ? 60 : 190;
            var sprint = i % 900 < 8 ? 700 : 0;
            watts[i] = Math.Max(0, baseline + sprint + (random.NextDouble() * 60) - 30);
            if (random.NextDouble() < 0.02)
            {
                watts[i] = 0;
            }
        }

        return watts;
    }
}
