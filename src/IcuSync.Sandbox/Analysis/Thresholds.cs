using System.Runtime.CompilerServices;

namespace IcuSync.Sandbox.Analysis;

/// <summary>The sport-settings values an analysis needs (FTP W, LTHR bpm, threshold speed m/s, zone tops).</summary>
internal sealed record Thresholds(
    int? Ftp,
    int? Lthr,
    int? MaxHr,
    int RestingHr,
    double? ThresholdSpeed,
    IReadOnlyList<int>? PowerZones,
    int SweetSpotMin,
    int SweetSpotMax,
    IReadOnlyList<int>? HrZones,
    IReadOnlyList<double>? PaceZones,
    double? Weight)
{
    public static Thresholds From(SandboxSportSettings? settings, SandboxAthlete athlete) => new(
        settings?.Ftp,
        settings?.Lthr,
        settings?.MaxHr,
        athlete.IcuRestingHr ?? 50,
        settings?.ThresholdPace,
        settings?.PowerZones,
        settings?.SweetSpotMin ?? 84,
        settings?.SweetSpotMax ?? 97,
        settings?.HrZones,
        settings?.PaceZones,
        athlete.IcuWeight);

    /// <summary>1-based zone whose top (inclusive) is the first at or above <paramref name="percent"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ZoneOf(double percent, IReadOnlyList<int> tops)
    {
        for (var z = 0; z < tops.Count; z++)
        {
            if (percent <= tops[z])
            {
                return z + 1;
            }
        }

        return tops.Count;
    }

    public static int ZoneOf(double value, IReadOnlyList<double> tops)
    {
        for (var z = 0; z < tops.Count; z++)
        {
            if (value <= tops[z])
            {
                return z + 1;
            }
        }

        return tops.Count;
    }
}
