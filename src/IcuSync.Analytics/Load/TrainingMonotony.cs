namespace IcuSync.Analytics.Load;

/// <summary>Settings for Foster's monotony and strain.</summary>
public sealed record MonotonyOptions
{
    /// <summary>The defaults: the last 7 days, population SD, cap 10.</summary>
    public static MonotonyOptions Default { get; } = new();

    /// <summary>The window in days; 7 by default.</summary>
    public int Days { get; init; } = 7;

    /// <summary>False (the default): population SD (divide by n). True: sample SD (divide by n − 1), about 7 % lower monotony for 7 days.</summary>
    public bool UseSampleStandardDeviation { get; init; }

    /// <summary>The highest monotony reported, also used when every day carries the same load; 10 by default.</summary>
    public double Cap { get; init; } = 10;
}

/// <summary>Foster's training monotony and strain over the last days of a series.</summary>
/// <param name="WeeklyLoad">The sum of the window's daily loads, in load points.</param>
/// <param name="MeanLoad">The mean daily load.</param>
/// <param name="StandardDeviation">The SD of the daily loads.</param>
/// <param name="Monotony">Mean / SD, capped; null when the mean is not positive.</param>
/// <param name="Strain">Weekly load × monotony; null with monotony.</param>
public sealed record MonotonyResult(double WeeklyLoad, double MeanLoad, double StandardDeviation, double? Monotony, double? Strain);

/// <summary>
/// Foster training monotony (mean daily load / SD of daily load) and strain (weekly load × monotony).
/// </summary>
/// <remarks>
/// Rest days count as 0 load. Identical loads (SD = 0) give the cap, 10. Foster's warning level of monotony above 2.0
/// was set with session-RPE units; with TSS-based loads the strain scale differs.
/// </remarks>
public static class TrainingMonotony
{
    /// <summary>Monotony and strain over the last <see cref="MonotonyOptions.Days"/> days of the loads.</summary>
    /// <param name="dailyLoads">One load per calendar day, oldest first, rest days as 0.</param>
    /// <param name="options">Window, SD convention and cap; defaults when null.</param>
    /// <returns>The result, or null with fewer days than the window.</returns>
    public static MonotonyResult? Compute(ReadOnlySpan<double> dailyLoads, MonotonyOptions? options = null)
    {
        options ??= MonotonyOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Days, 2, nameof(options));
        if (dailyLoads.Length < options.Days)
        {
            return null;
        }

        var window = dailyLoads[^options.Days..];
        var sum = 0.0;
        foreach (var value in window)
        {
            sum += double.IsFinite(value) ? value : 0;
        }

        var mean = sum / window.Length;
        var squares = 0.0;
        foreach (var value in window)
        {
            var deviation = (double.IsFinite(value) ? value : 0) - mean;
            squares += deviation * deviation;
        }

        var sd = Math.Sqrt(squares / (options.UseSampleStandardDeviation ? window.Length - 1 : window.Length));
        if (!(mean > 0))
        {
            return new MonotonyResult(sum, mean, sd, null, null);
        }

        var monotony = sd > 0 ? Math.Min(options.Cap, mean / sd) : options.Cap;
        return new MonotonyResult(sum, mean, sd, monotony, sum * monotony);
    }
}
