using IcuSync.Analytics.Streams;

namespace IcuSync.Analytics.Load;

/// <summary>The heart-rate anchors TRIMP and HRSS need.</summary>
/// <param name="RestingHeartRate">Resting heart rate in bpm.</param>
/// <param name="MaxHeartRate">Maximum heart rate in bpm; must exceed the resting rate.</param>
/// <param name="ThresholdHeartRate">Lactate-threshold heart rate (LTHR) in bpm; needed for HRSS only.</param>
/// <param name="Sex">Selects the TRIMP weighting constant k.</param>
public sealed record HeartRateProfile(double RestingHeartRate, double MaxHeartRate, double? ThresholdHeartRate, Sex Sex)
{
    /// <summary>The Banister weighting constant: 1.92 for men, 1.67 for women.</summary>
    public double K => Sex == Sex.Female ? HeartRateLoad.FemaleK : HeartRateLoad.MaleK;

    /// <summary>True when max exceeds rest and any threshold lies above rest, so the reserve fractions are defined.</summary>
    public bool IsUsable =>
        double.IsFinite(RestingHeartRate) && double.IsFinite(MaxHeartRate) && MaxHeartRate > RestingHeartRate
        && RestingHeartRate >= 0
        && (ThresholdHeartRate is null || (double.IsFinite(ThresholdHeartRate.Value) && ThresholdHeartRate > RestingHeartRate));
}

/// <summary>Heart-rate load of one activity.</summary>
/// <param name="Trimp">Banister TRIMP (exponential form), in arbitrary TRIMP units.</param>
/// <param name="Hrss">HRSS: TRIMP as a share of one hour at LTHR, × 100; null without an LTHR.</param>
/// <param name="SecondsCounted">Seconds with a usable heart-rate sample (above 0 bpm).</param>
public sealed record HeartRateLoadResult(double Trimp, double? Hrss, int SecondsCounted);

/// <summary>
/// Banister TRIMP and HRSS from a 1 Hz heart-rate stream.
/// </summary>
/// <remarks>
/// For each minute at heart-rate reserve fraction x = (HR − rest) / (max − rest), TRIMP adds x · 0.64 · e^(k·x);
/// per 1 Hz sample that is a sixtieth of it. x is clamped to [0, 1]: a heart rate below rest adds nothing and one
/// above max counts as max. Samples at or below 0 bpm and NaN are drop-outs and are skipped. HRSS divides TRIMP by
/// the TRIMP of 60 minutes at LTHR and multiplies by 100, so one hour at LTHR scores exactly 100.
/// </remarks>
public static class HeartRateLoad
{
    /// <summary>The TRIMP weighting constant for men.</summary>
    public const double MaleK = 1.92;

    /// <summary>The TRIMP weighting constant for women.</summary>
    public const double FemaleK = 1.67;

    /// <summary>TRIMP accrued per minute at a given heart rate.</summary>
    /// <param name="heartRate">Heart rate in bpm.</param>
    /// <param name="profile">Resting and max heart rate and sex.</param>
    public static double TrimpPerMinute(double heartRate, HeartRateProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var x = Math.Clamp((heartRate - profile.RestingHeartRate) / (profile.MaxHeartRate - profile.RestingHeartRate), 0, 1);
        return x * 0.64 * Math.Exp(profile.K * x);
    }

    /// <summary>TRIMP and HRSS of a 1 Hz heart-rate stream.</summary>
    /// <param name="heartRate">1 Hz heart rate in bpm.</param>
    /// <param name="profile">The athlete's heart-rate anchors.</param>
    /// <returns>The load, or null when the profile is unusable (max not above rest, or LTHR not above rest).</returns>
    public static HeartRateLoadResult? Compute(ReadOnlySpan<double> heartRate, HeartRateProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!profile.IsUsable)
        {
            return null;
        }

        var rest = profile.RestingHeartRate;
        var reserve = profile.MaxHeartRate - rest;
        var k = profile.K;
        var perMinute = 0.0;
        var counted = 0;
        foreach (var sample in heartRate)
        {
            if (!SampleValue.IsHeartRate(sample))
            {
                continue;
            }

            counted++;
            var x = Math.Clamp((sample - rest) / reserve, 0, 1);
            if (x > 0)
            {
                perMinute += x * 0.64 * Math.Exp(k * x);
            }
        }

        var trimp = perMinute / 60.0;
        double? hrss = profile.ThresholdHeartRate is { } lthr ? trimp / (60.0 * TrimpPerMinute(lthr, profile)) * 100.0 : null;
        return new HeartRateLoadResult(trimp, hrss, counted);
    }
}
