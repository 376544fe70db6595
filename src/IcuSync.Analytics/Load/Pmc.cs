using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace IcuSync.Analytics.Load;

/// <summary>CTL and ATL at the end of the day before a series starts (for example Intervals.icu's wellness values).</summary>
/// <param name="Ctl">Fitness in TSS points per day.</param>
/// <param name="Atl">Fatigue in TSS points per day.</param>
public readonly record struct PmcSeed(double Ctl, double Atl);

/// <summary>Settings for the performance management chart.</summary>
public sealed record PmcOptions
{
    /// <summary>The defaults: τ = 42 d for CTL, 7 d for ATL, start from 0, TSB from the same day.</summary>
    public static PmcOptions Default { get; } = new();

    /// <summary>CTL time constant τ in days; 42 by default.</summary>
    public double CtlDays { get; init; } = 42;

    /// <summary>ATL time constant τ in days; 7 by default.</summary>
    public double AtlDays { get; init; } = 7;

    /// <summary>Start values for the day before the first day; null starts both from 0.</summary>
    public PmcSeed? Seed { get; init; }

    /// <summary>
    /// False (the default, as Intervals.icu): TSB(d) = CTL(d) − ATL(d), including day d's load.
    /// True (TrainingPeaks, GoldenCheetah): TSB(d) = CTL(d − 1) − ATL(d − 1).
    /// </summary>
    public bool TsbUsesPreviousDay { get; init; }
}

/// <summary>
/// One day of the performance management chart, built on access from <see cref="PmcSeries"/> (a value type so that a
/// ten-year chart costs three arrays, not thousands of objects). Values are in TSS points (CTL and ATL per day).
/// </summary>
/// <param name="Date">The calendar day.</param>
/// <param name="Load">The day's total load (0 on a rest day).</param>
/// <param name="Ctl">Fitness at the end of the day.</param>
/// <param name="Atl">Fatigue at the end of the day.</param>
/// <param name="Tsb">Form: CTL − ATL of the same day, or of the previous day when that option is on.</param>
/// <param name="Ramp">CTL(d) − CTL(d − 7), in CTL points per week; null while CTL seven days back is unknown (the first six days of a seeded series).</param>
public readonly record struct PmcDay(DateOnly Date, double Load, double Ctl, double Atl, double Tsb, double? Ramp)
{
    /// <summary>Form as a percentage of fitness, 100·TSB/CTL; null when CTL is not positive.</summary>
    public double? FormPercent => Ctl > 0 ? 100 * Tsb / Ctl : null;
}

/// <summary>A computed performance management chart: load, CTL and ATL per day, with TSB and ramp derived on access.</summary>
/// <param name="Options">The settings it was computed with.</param>
/// <param name="Start">The first day.</param>
/// <param name="Loads">Each day's load in TSS points.</param>
/// <param name="Ctl">CTL at the end of each day.</param>
/// <param name="Atl">ATL at the end of each day.</param>
public sealed record PmcSeries(PmcOptions Options, DateOnly Start, ImmutableArray<double> Loads, ImmutableArray<double> Ctl, ImmutableArray<double> Atl)
{
    /// <summary>The number of days.</summary>
    public int Count => Ctl.IsDefault ? 0 : Ctl.Length;

    /// <summary>One entry per day, in order, with no gaps; rows are built on access.</summary>
    public IReadOnlyList<PmcDay> Days => new DayList(this);

    /// <summary>The last day, or null for an empty series.</summary>
    public PmcDay? Last => Count == 0 ? null : At(Count - 1);

    /// <summary>The day at an index (0 is <see cref="Start"/>).</summary>
    /// <param name="index">0 to Count − 1.</param>
    public PmcDay At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var seed = Options.Seed ?? default;
        var ctl = Ctl[index];
        var atl = Atl[index];
        var tsb = !Options.TsbUsesPreviousDay ? ctl - atl
            : index == 0 ? seed.Ctl - seed.Atl
            : Ctl[index - 1] - Atl[index - 1];

        // Before the series CTL is the seed on day −1, and 0 all along when unseeded (no earlier training).
        double? ramp = index >= 7 ? ctl - Ctl[index - 7]
            : index == 6 || Options.Seed is null ? ctl - seed.Ctl
            : null;
        return new PmcDay(Start.AddDays(index), Loads[index], ctl, atl, tsb, ramp);
    }

    /// <summary>The entry for a date, or null when the date is outside the series.</summary>
    public PmcDay? On(DateOnly date)
    {
        var index = date.DayNumber - Start.DayNumber;
        return (uint)index < (uint)Count ? At(index) : null;
    }

    private sealed class DayList(PmcSeries series) : IReadOnlyList<PmcDay>
    {
        public int Count => series.Count;

        public PmcDay this[int index] => series.At(index);

        public IEnumerator<PmcDay> GetEnumerator()
        {
            for (var i = 0; i < series.Count; i++)
            {
                yield return series.At(i);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>
/// The performance management chart: CTL (fitness), ATL (fatigue), TSB (form) and ramp rate from daily load.
/// </summary>
/// <remarks>
/// Each day: CTL(d) = CTL(d−1) + λ_c·(L(d) − CTL(d−1)), and the same for ATL, with λ = 1 − e^(−1/τ) (the exponential
/// form Intervals.icu and GoldenCheetah use). Every calendar day is stepped; a day without activity has load 0.
/// Without a seed both start at 0; values are unreliable for about six weeks. To change τ mid-series, compute the
/// first part, then seed the second part with its last CTL and ATL.
/// </remarks>
public static class Pmc
{
    /// <summary>The daily weight of new load for a time constant: λ = 1 − e^(−1/τ).</summary>
    /// <param name="timeConstantDays">τ in days (positive).</param>
    public static double Lambda(double timeConstantDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeConstantDays);
        return -double.ExpM1(-1.0 / timeConstantDays);
    }

    /// <summary>Computes the chart over a dense daily series.</summary>
    /// <param name="dailyLoads">One load per calendar day (use <see cref="DailySeries.SumByDay"/> to build it from activities).</param>
    /// <param name="options">Time constants, seed and TSB convention; defaults when null.</param>
    public static PmcSeries Compute(DailySeries dailyLoads, PmcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dailyLoads);
        return Compute(dailyLoads.Start, dailyLoads.Values.AsSpan(), options);
    }

    /// <summary>Computes the chart over consecutive days.</summary>
    /// <param name="firstDay">The day of <paramref name="dailyLoads"/>[0].</param>
    /// <param name="dailyLoads">One load per calendar day in TSS points; non-finite values count as 0.</param>
    /// <param name="options">Time constants, seed and TSB convention; defaults when null.</param>
    public static PmcSeries Compute(DateOnly firstDay, ReadOnlySpan<double> dailyLoads, PmcOptions? options = null)
    {
        options ??= PmcOptions.Default;
        var loads = new double[dailyLoads.Length];
        var ctl = new double[dailyLoads.Length];
        var atl = new double[dailyLoads.Length];
        for (var d = 0; d < loads.Length; d++)
        {
            loads[d] = double.IsFinite(dailyLoads[d]) ? dailyLoads[d] : 0;
        }

        Compute(loads, ctl, atl, options);
        return new PmcSeries(
            options,
            firstDay,
            ImmutableCollectionsMarshal.AsImmutableArray(loads),
            ImmutableCollectionsMarshal.AsImmutableArray(ctl),
            ImmutableCollectionsMarshal.AsImmutableArray(atl));
    }

    /// <summary>
    /// The allocation-free core: fills CTL and ATL for each day (TSB and ramp follow from them).
    /// </summary>
    /// <param name="dailyLoads">One load per calendar day in TSS points.</param>
    /// <param name="ctl">Receives CTL per day; at least as long as the loads.</param>
    /// <param name="atl">Receives ATL per day; at least as long as the loads.</param>
    /// <param name="options">Time constants and seed; defaults when null.</param>
    public static void Compute(ReadOnlySpan<double> dailyLoads, Span<double> ctl, Span<double> atl, PmcOptions? options = null)
    {
        if (ctl.Length < dailyLoads.Length || atl.Length < dailyLoads.Length)
        {
            throw new ArgumentException("The CTL and ATL buffers must be at least as long as the loads.", nameof(ctl));
        }

        options ??= PmcOptions.Default;
        var ctlWeight = Lambda(options.CtlDays);
        var atlWeight = Lambda(options.AtlDays);
        var seed = options.Seed ?? default;
        var c = seed.Ctl;
        var a = seed.Atl;
        for (var d = 0; d < dailyLoads.Length; d++)
        {
            var load = double.IsFinite(dailyLoads[d]) ? dailyLoads[d] : 0;
            c += ctlWeight * (load - c);
            a += atlWeight * (load - a);
            ctl[d] = c;
            atl[d] = a;
        }
    }
}
