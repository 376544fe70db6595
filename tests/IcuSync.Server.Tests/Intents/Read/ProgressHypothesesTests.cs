using IcuSync.Server.Coaching;

namespace IcuSync.Server.Tests.Intents.Read;

/// <summary>
/// The hypothesis ranking of track_progress for load pictures the sandbox athletes do not show (their CTL is flat and
/// recovered): the rules behind each hypothesis, checked on the Coaching service directly.
/// </summary>
public sealed class ProgressHypothesesTests
{
    private static PlateauView Plateau(string trend, double slope, bool detected) =>
        new(trend, slope, 0.5, detected, detected ? "2026-10-01" : null, detected ? 40 : null, 60, 58, FitnessSources.Intervals);

    private static AcwrView Acwr(double ratio, string state) => new("2026-11-27", ratio, state, 60, 45, 56, "EWMA 7/28");

    private static MonotonyView Monotony(double monotony) => new("2026-11-21..2026-11-27", 400, monotony, 400 * monotony, null);

    private static HrvContext Hrv(string state, double ratio) => new(state, ratio, 4.0, 3.0, -0.05, 60);

    private static TidDrift Tid(string state, string dominant) => new([], 1.1, 0.9, 0.2, state, dominant, "mapping");

    [Fact]
    public void Declining_ctl_with_overreaching_load_and_suppressed_hrv_ranks_recovery_first_with_the_numbers_as_evidence()
    {
        var ranked = ProgressTracking.Hypotheses(Plateau("Declining", -1.4, false), Acwr(1.62, "overreaching"), Monotony(1.2), Hrv("suppressed", 0.84), Tid("stable", "low"));

        var top = ranked[0];
        Assert.Equal("recovery", top.Factor);
        Assert.True(top.Supported);
        Assert.Equal(1, top.Rank);
        Assert.Equal(0.95, top.Confidence);
        Assert.Contains(top.Evidence, e => e.Contains("ACWR 1.62 is overreaching", StringComparison.Ordinal));
        Assert.Contains(top.Evidence, e => e.Contains("ratio 0.84", StringComparison.Ordinal));
        Assert.Contains(top.Evidence, e => e.Contains("-1.40 CTL/week", StringComparison.Ordinal));
        Assert.All(ranked.Skip(1), h => Assert.False(h.Supported));
    }

    [Fact]
    public void Flat_ctl_with_monotonous_converging_training_ranks_intensity_distribution_above_volume()
    {
        var ranked = ProgressTracking.Hypotheses(Plateau("Flat", 0.1, true), Acwr(1.05, "productive"), Monotony(2.3), Hrv("normal", 1.0), Tid("converging", "moderate"));

        Assert.Equal(["intensity_distribution", "volume", "recovery"], ranked.Select(h => h.Factor).ToArray());
        Assert.Equal(0.95, ranked[0].Confidence);
        Assert.True(ranked[0].Supported);
        Assert.Contains(ranked[0].Evidence, e => e.Contains("monotony 2.3", StringComparison.Ordinal));
        Assert.Contains(ranked[0].Evidence, e => e.Contains("converging (entropy 0.9 → 1.1 bits)", StringComparison.Ordinal));
        Assert.True(ranked[1].Supported);
        Assert.Equal(0.85, ranked[1].Confidence);
        Assert.False(ranked[2].Supported);
        Assert.Equal(0.3, ranked[2].Confidence);
        Assert.Contains(ranked[2].Evidence, e => e.Contains("stalled since 2026-10-01", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_any_data_no_hypothesis_is_supported_and_each_says_so()
    {
        var ranked = ProgressTracking.Hypotheses(null, null, null, null, null);

        Assert.Equal(3, ranked.Count);
        Assert.All(ranked, h =>
        {
            Assert.False(h.Supported);
            Assert.Equal(0.2, h.Confidence);
            Assert.Equal(["no supporting sign in the data"], h.Evidence);
        });
    }
}
