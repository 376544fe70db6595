using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace IcuSync.Analytics.Load;

/// <summary>How the acute and chronic loads of the ACWR are averaged.</summary>
public enum AcwrMethod
{
    /// <summary>The default: exponentially weighted moving averages with λ = 2/(N + 1), both seeded with the first day's load.</summary>
    Ewma,

    /// <summary>Coupled rolling means: acute = mean of the last 7 days, chronic = mean of the last 28 (the acute week included).</summary>
    RollingCoupled,
}

/// <summary>Settings for the acute:chronic workload ratio.</summary>
public sealed record AcwrOptions
{
    /// <summary>The defaults: EWMA over 7 and 28 days.</summary>
    public static AcwrOptions Default { get; } = new();

    /// <summary>The averaging method.</summary>
    public AcwrMethod Method { get; init; } = AcwrMethod.Ewma;

    /// <summary>Acute window N in days; 7 by default.</summary>
    public int AcuteDays { get; init; } = 7;

    /// <summary>Chronic window N in days; 28 by default. Fewer days of data than this gives no ratio.</summary>
    public int ChronicDays { get; init; } = 28;
}

/// <summary>The acute:chronic workload ratio on the last day of a series.</summary>
/// <param name="Method">The averaging method.</param>
/// <param name="Acute">The acute load, in load points per day.</param>
/// <param name="Chronic">The chronic load, in load points per day.</param>
/// <param name="Ratio">Acute / chronic; null when the chronic load is 0 (a long break).</param>
/// <param name="Days">The number of days of data used.</param>
public sealed record AcwrResult(AcwrMethod Method, double Acute, double Chronic, double? Ratio, int Days);

/// <summary>
/// The acute:chronic workload ratio (ACWR) over daily loads. This is not Intervals.icu's ATL/CTL ratio, which uses
/// 7- and 42-day time constants.
/// </summary>
/// <remarks>
/// EWMA(d) = λ·L(d) + (1 − λ)·EWMA(d − 1), λ = 2/(N + 1) (0.25 for 7 days, 2/29 for 28), with EWMA(0) = L(0).
/// Missing days must be passed as 0 load. Descriptive bands from the literature (0.8–1.3 "sweet spot", above 1.5
/// "danger") are disputed; show them as flags only.
/// </remarks>
public static class Acwr
{
    /// <summary>The ratio on the last day of the loads.</summary>
    /// <param name="dailyLoads">One load per calendar day, oldest first, rest days as 0.</param>
    /// <param name="options">Method and windows; EWMA 7/28 when null.</param>
    /// <returns>The ratio, or null with fewer days than the chronic window.</returns>
    public static AcwrResult? Compute(ReadOnlySpan<double> dailyLoads, AcwrOptions? options = null)
    {
        options ??= AcwrOptions.Default;
        Validate(options);
        var n = dailyLoads.Length;
        if (n < options.ChronicDays)
        {
            return null;
        }

        double acute;
        double chronic;
        if (options.Method == AcwrMethod.Ewma)
        {
            var acuteWeight = 2.0 / (options.AcuteDays + 1);
            var chronicWeight = 2.0 / (options.ChronicDays + 1);
            acute = chronic = Load(dailyLoads[0]);
            for (var d = 1; d < n; d++)
            {
                var load = Load(dailyLoads[d]);
                acute += acuteWeight * (load - acute);
                chronic += chronicWeight * (load - chronic);
            }
        }
        else
        {
            acute = MeanOfLast(dailyLoads, options.AcuteDays);
            chronic = MeanOfLast(dailyLoads, options.ChronicDays);
        }

        double? ratio = chronic > 0 ? acute / chronic : null;
        return new AcwrResult(options.Method, acute, chronic, ratio, n);
    }

    /// <summary>The ratio for every day of the loads: null for the days before the chronic window is full or while chronic load is 0.</summary>
    /// <param name="dailyLoads">One load per calendar day, oldest first, rest days as 0.</param>
    /// <param name="options">Method and windows; EWMA 7/28 when null.</param>
    public static ImmutableArray<double?> Series(ReadOnlySpan<double> dailyLoads, AcwrOptions? options = null)
    {
        options ??= AcwrOptions.Default;
        Validate(options);
        var n = dailyLoads.Length;
        var ratios = new double?[n];
        var acuteWeight = 2.0 / (options.AcuteDays + 1);
        var chronicWeight = 2.0 / (options.ChronicDays + 1);
        double acute = 0, chronic = 0, acuteSum = 0, chronicSum = 0;
        for (var d = 0; d < n; d++)
        {
            var load = Load(dailyLoads[d]);
            if (options.Method == AcwrMethod.Ewma)
            {
                if (d == 0)
                {
                    acute = chronic = load;
                }
                else
                {
                    acute += acuteWeight * (load - acute);
                    chronic += chronicWeight * (load - chronic);
                }
            }
            else
            {
                acuteSum += load - (d >= options.AcuteDays ? Load(dailyLoads[d - options.AcuteDays]) : 0);
                chronicSum += load - (d >= options.ChronicDays ? Load(dailyLoads[d - options.ChronicDays]) : 0);
                acute = acuteSum / options.AcuteDays;
                chronic = chronicSum / options.ChronicDays;
            }

            if (d + 1 >= options.ChronicDays && chronic > 0)
            {
                ratios[d] = acute / chronic;
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(ratios);
    }

    private static double MeanOfLast(ReadOnlySpan<double> loads, int days)
    {
        var sum = 0.0;
        for (var i = loads.Length - days; i < loads.Length; i++)
        {
            sum += Load(loads[i]);
        }

        return sum / days;
    }

    private static double Load(double value) => double.IsFinite(value) ? value : 0;

    private static void Validate(AcwrOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AcuteDays, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChronicDays, options.AcuteDays, nameof(options));
    }
}
