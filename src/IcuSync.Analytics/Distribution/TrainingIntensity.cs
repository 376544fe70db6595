namespace IcuSync.Analytics.Distribution;

/// <summary>How the zones of a scheme fold into the three-zone model (1-based zone numbers).</summary>
/// <param name="FirstModerateZone">The first zone counted as moderate (between the first and second thresholds).</param>
/// <param name="FirstHighZone">The first zone counted as high (above the second threshold).</param>
public sealed record ThreeZoneMapping(int FirstModerateZone, int FirstHighZone)
{
    /// <summary>Coggan's seven power zones: Z1–Z2 low, Z3–Z4 moderate, Z5–Z7 high.</summary>
    public static ThreeZoneMapping CogganSevenZones { get; } = new(3, 5);

    /// <summary>A five-zone scheme: Z1–Z2 low, Z3 moderate, Z4–Z5 high.</summary>
    public static ThreeZoneMapping FiveZones { get; } = new(3, 4);

    /// <summary>Already three zones: Z1 low, Z2 moderate, Z3 high.</summary>
    public static ThreeZoneMapping ThreeZones { get; } = new(2, 3);
}

/// <summary>A label for a three-zone distribution.</summary>
public enum IntensityDistributionModel
{
    /// <summary>Neither threshold-heavy nor pyramidal: typically much low, little moderate, some high.</summary>
    Polarized,

    /// <summary>Low > moderate > high.</summary>
    Pyramidal,

    /// <summary>Moderate is the largest share.</summary>
    Threshold,
}

/// <summary>A three-zone training intensity distribution (TID).</summary>
/// <param name="LowSeconds">Seconds below the first threshold.</param>
/// <param name="ModerateSeconds">Seconds between the thresholds.</param>
/// <param name="HighSeconds">Seconds above the second threshold.</param>
/// <param name="LowFraction">Share of the total, 0–1.</param>
/// <param name="ModerateFraction">Share of the total, 0–1.</param>
/// <param name="HighFraction">Share of the total, 0–1.</param>
/// <param name="EntropyBits">Shannon entropy of the three shares in bits: 0 (one zone) to log₂ 3 ≈ 1.585 (even split).</param>
/// <param name="NormalizedEntropy">Entropy / log₂ 3, 0–1.</param>
/// <param name="PolarizationIndex">Treff's index log₁₀(f₁/f₂ · f₃ · 100); above 2.00 reads as polarized.</param>
/// <param name="PolarizationIndexFloored">True when a share below 0.01 was raised to 0.01 to keep the index finite.</param>
/// <param name="Model">The label: threshold if moderate is the largest share, pyramidal if low > moderate > high, else polarized.</param>
/// <param name="Mapping">The zone mapping used, when built from zone times.</param>
public sealed record IntensityDistribution(
    double LowSeconds,
    double ModerateSeconds,
    double HighSeconds,
    double LowFraction,
    double ModerateFraction,
    double HighFraction,
    double EntropyBits,
    double NormalizedEntropy,
    double PolarizationIndex,
    bool PolarizationIndexFloored,
    IntensityDistributionModel Model,
    ThreeZoneMapping? Mapping);

/// <summary>
/// Three-zone intensity distribution, Shannon entropy and Treff's polarization index.
/// </summary>
public static class TrainingIntensity
{
    /// <summary>The floor applied to a zone share before the polarization index is taken.</summary>
    public const double PolarizationFloor = 0.01;

    /// <summary>Shannon entropy in bits of a set of times (or any non-negative weights): −Σ f·log₂ f, zero shares skipped.</summary>
    /// <param name="times">Time per zone, any unit; negative and non-finite entries count as 0.</param>
    /// <returns>The entropy in bits; 0 when the total is 0.</returns>
    public static double ShannonEntropyBits(ReadOnlySpan<double> times)
    {
        var total = 0.0;
        foreach (var time in times)
        {
            total += Weight(time);
        }

        if (!(total > 0))
        {
            return 0;
        }

        var entropy = 0.0;
        foreach (var time in times)
        {
            var f = Weight(time) / total;
            if (f > 0)
            {
                entropy -= f * Math.Log2(f);
            }
        }

        return entropy;
    }

    /// <summary>Folds time in zones into three zones and describes the distribution.</summary>
    /// <param name="zoneSeconds">Seconds per zone, zone 1 first.</param>
    /// <param name="mapping">Which zones are moderate and high.</param>
    /// <returns>The distribution, or null when no time was recorded.</returns>
    public static IntensityDistribution? FromZoneTimes(ReadOnlySpan<double> zoneSeconds, ThreeZoneMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (mapping.FirstModerateZone < 2 || mapping.FirstHighZone <= mapping.FirstModerateZone)
        {
            throw new ArgumentException("The moderate zone must start at zone 2 or later and the high zone after it.", nameof(mapping));
        }

        double low = 0, moderate = 0, high = 0;
        for (var i = 0; i < zoneSeconds.Length; i++)
        {
            var zone = i + 1;
            var seconds = Weight(zoneSeconds[i]);
            if (zone >= mapping.FirstHighZone)
            {
                high += seconds;
            }
            else if (zone >= mapping.FirstModerateZone)
            {
                moderate += seconds;
            }
            else
            {
                low += seconds;
            }
        }

        return FromThreeZones(low, moderate, high) is { } distribution ? distribution with { Mapping = mapping } : null;
    }

    /// <summary>Describes a three-zone distribution.</summary>
    /// <param name="lowSeconds">Seconds below the first threshold.</param>
    /// <param name="moderateSeconds">Seconds between the thresholds.</param>
    /// <param name="highSeconds">Seconds above the second threshold.</param>
    /// <returns>The distribution, or null when the total is 0.</returns>
    public static IntensityDistribution? FromThreeZones(double lowSeconds, double moderateSeconds, double highSeconds)
    {
        lowSeconds = Weight(lowSeconds);
        moderateSeconds = Weight(moderateSeconds);
        highSeconds = Weight(highSeconds);
        var total = lowSeconds + moderateSeconds + highSeconds;
        if (!(total > 0))
        {
            return null;
        }

        var f1 = lowSeconds / total;
        var f2 = moderateSeconds / total;
        var f3 = highSeconds / total;
        var entropy = ShannonEntropyBits([lowSeconds, moderateSeconds, highSeconds]);
        var floored = f1 < PolarizationFloor || f2 < PolarizationFloor || f3 < PolarizationFloor;
        var pi = Math.Log10(Math.Max(f1, PolarizationFloor) / Math.Max(f2, PolarizationFloor) * Math.Max(f3, PolarizationFloor) * 100);
        var model = f2 > f1 && f2 > f3 ? IntensityDistributionModel.Threshold
            : f1 > f2 && f2 > f3 ? IntensityDistributionModel.Pyramidal
            : IntensityDistributionModel.Polarized;
        return new IntensityDistribution(lowSeconds, moderateSeconds, highSeconds, f1, f2, f3, entropy, entropy / Math.Log2(3), pi, floored, model, null);
    }

    private static double Weight(double value) => value > 0 && double.IsFinite(value) ? value : 0;
}
