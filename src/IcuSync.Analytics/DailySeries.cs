using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace IcuSync.Analytics;

/// <summary>
/// A dense daily series: one value for every calendar day from <see cref="Start"/> on, with no gaps.
/// </summary>
/// <param name="Start">The first day of the series.</param>
/// <param name="Values">One value per day; index 0 is <see cref="Start"/>.</param>
public sealed record DailySeries(DateOnly Start, ImmutableArray<double> Values)
{
    /// <summary>The number of days in the series.</summary>
    public int Count => Values.IsDefault ? 0 : Values.Length;

    /// <summary>The last day of the series, or the day before <see cref="Start"/> when the series is empty.</summary>
    public DateOnly End => Start.AddDays(Count - 1);

    /// <summary>The calendar day of the value at <paramref name="index"/>.</summary>
    public DateOnly DateAt(int index) => Start.AddDays(index);

    /// <summary>
    /// Builds a dense series of daily totals: values on the same day are summed (several activities on one day),
    /// and a day with no entry gets 0 (a rest day still counts as a day). Non-finite values count as 0.
    /// </summary>
    /// <param name="entries">Dated values in any order.</param>
    /// <param name="from">First day of the series; defaults to the earliest entry.</param>
    /// <param name="through">Last day of the series (inclusive); defaults to the latest entry.</param>
    /// <returns>The dense series; empty when there are no entries and no explicit range.</returns>
    public static DailySeries SumByDay(IEnumerable<DatedValue> entries, DateOnly? from = null, DateOnly? through = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries as IReadOnlyCollection<DatedValue> ?? [.. entries];
        DateOnly? first = from;
        DateOnly? last = through;
        foreach (var entry in list)
        {
            if (from is null && (first is null || entry.Date < first))
            {
                first = entry.Date;
            }

            if (through is null && (last is null || entry.Date > last))
            {
                last = entry.Date;
            }
        }

        if (first is null || last is null || last < first)
        {
            return new DailySeries(first ?? default, []);
        }

        var values = new double[last.Value.DayNumber - first.Value.DayNumber + 1];
        foreach (var entry in list)
        {
            var index = entry.Date.DayNumber - first.Value.DayNumber;
            if ((uint)index < (uint)values.Length && double.IsFinite(entry.Value))
            {
                values[index] += entry.Value;
            }
        }

        return new DailySeries(first.Value, ImmutableCollectionsMarshal.AsImmutableArray(values));
    }
}
