using IcuSync.Analytics.Power;

namespace IcuSync.Analytics.Tests.Power;

public sealed class CriticalPowerTests
{
    private static readonly double[] FitDurations = [120, 180, 300, 420, 600, 900, 1200];

    private static PowerDurationPoint[] Hyperbolic(double cp, double wPrime, IEnumerable<double> durations) =>
        durations.Select(t => new PowerDurationPoint(t, cp + (wPrime / t))).ToArray();

    private static PowerDurationPoint[] Morton(double cp, double wPrime, double pmax, IEnumerable<double> durations) =>
        durations.Select(t => new PowerDurationPoint(t, cp + (wPrime / (t + (wPrime / (pmax - cp)))))).ToArray();

    [Theory]
    [InlineData(CriticalPowerModel.TwoParameterHyperbolic)]
    [InlineData(CriticalPowerModel.TwoParameterLinear)]
    public void Both_two_parameter_fits_recover_cp_and_w_prime_from_exact_hyperbolic_points(CriticalPowerModel model)
    {
        var fit = CriticalPowerEstimator.Fit(Hyperbolic(250, 20_000, FitDurations), model)!;

        Assert.Equal(250, fit.CriticalPower, 6);
        Assert.Equal(20_000, fit.WPrime, 4);
        Assert.Null(fit.PMax);
        Assert.Equal(1, fit.RSquared, 9);
        Assert.Equal(CriticalPowerParameters.None, fit.Unidentifiable);
        Assert.True(fit.IsValid);
        Assert.Equal(7, fit.PointCount);
    }

    [Fact]
    public void The_three_minute_and_twelve_minute_protocol_matches_its_closed_form()
    {
        // CP = (P₂t₂ − P₁t₁)/(t₂ − t₁) = (216000 − 72000)/540 = 266.67 W; W′ = (P₁ − CP)·t₁ = 24000 J.
        // A third point on the same curve (360 s) keeps the fit exact.
        var cp = (300.0 * 720 - 400.0 * 180) / (720 - 180);
        var wPrime = (400 - cp) * 180;
        PowerDurationPoint[] points = [new(180, 400), new(720, 300), new(360, cp + (wPrime / 360))];

        var fit = CriticalPowerEstimator.Fit(points, CriticalPowerModel.TwoParameterLinear)!;

        Assert.Equal(266.6666667, fit.CriticalPower, 6);
        Assert.Equal(24_000, fit.WPrime, 4);
    }

    [Fact]
    public void The_hyperbolic_fit_leaves_residuals_orthogonal_to_one_and_one_over_t()
    {
        PowerDurationPoint[] points = [new(120, 410), new(180, 365), new(300, 330), new(600, 300), new(1200, 281)];
        var fit = CriticalPowerEstimator.Fit(points, CriticalPowerModel.TwoParameterHyperbolic)!;

        var residuals = points.Select(p => p.Watts - fit.CriticalPower - (fit.WPrime / p.DurationSeconds)).ToArray();
        Assert.Equal(0, residuals.Sum(), 9);
        Assert.Equal(0, residuals.Zip(points, (r, p) => r / p.DurationSeconds).Sum(), 9);
        var mean = points.Average(p => p.Watts);
        var expectedR2 = 1 - (residuals.Sum(r => r * r) / points.Sum(p => (p.Watts - mean) * (p.Watts - mean)));
        Assert.Equal(expectedR2, fit.RSquared, 12);
    }

    [Fact]
    public void The_linear_fit_leaves_work_residuals_orthogonal_to_one_and_t_and_differs_from_the_hyperbolic_fit()
    {
        PowerDurationPoint[] points = [new(120, 410), new(180, 365), new(300, 330), new(600, 300), new(1200, 281)];
        var linear = CriticalPowerEstimator.Fit(points, CriticalPowerModel.TwoParameterLinear)!;
        var hyperbolic = CriticalPowerEstimator.Fit(points, CriticalPowerModel.TwoParameterHyperbolic)!;

        var residuals = points.Select(p => (p.Watts * p.DurationSeconds) - (linear.CriticalPower * p.DurationSeconds) - linear.WPrime).ToArray();
        Assert.Equal(0, residuals.Sum(), 6);
        Assert.Equal(0, residuals.Zip(points, (r, p) => r * p.DurationSeconds).Sum() / 1e6, 6);
        Assert.NotEqual(hyperbolic.CriticalPower, linear.CriticalPower, 3);
    }

    [Fact]
    public void The_three_parameter_fit_recovers_morton_parameters_when_short_points_are_present()
    {
        var points = Morton(260, 18_000, 1100, [1, 5, 15, 30, 60, 120, 300, 600, 1200]);

        var fit = CriticalPowerEstimator.Fit(points, CriticalPowerModel.ThreeParameter)!;

        Assert.Equal(260, fit.CriticalPower, 4);
        Assert.Equal(18_000, fit.WPrime, 1);
        Assert.Equal(1100, fit.PMax!.Value, 2);
        Assert.Equal(1, fit.RSquared, 9);
        Assert.Equal(CriticalPowerParameters.None, fit.Unidentifiable);
        Assert.Equal(fit.PMax!.Value, fit.PowerAt(1e-9), 3);
    }

    [Fact]
    public void The_three_parameter_fit_sets_the_gradient_to_zero_on_noisy_points()
    {
        PowerDurationPoint[] points = [new(5, 980), new(30, 640), new(60, 505), new(180, 380), new(300, 345), new(600, 305), new(1200, 282)];
        var fit = CriticalPowerEstimator.Fit(points, CriticalPowerModel.ThreeParameter)!;
        var k = fit.WPrime / (fit.PMax!.Value - fit.CriticalPower);

        var residuals = points.Select(p => p.Watts - fit.PowerAt(p.DurationSeconds)).ToArray();
        Assert.Equal(0, residuals.Sum(), 4);
        Assert.Equal(0, residuals.Zip(points, (r, p) => r / (p.DurationSeconds + k)).Sum(), 6);
        Assert.Equal(0, residuals.Zip(points, (r, p) => r / Math.Pow(p.DurationSeconds + k, 2)).Sum(), 6);
        Assert.True(fit.IsValid);
    }

    [Fact]
    public void Without_short_points_pmax_is_flagged_unidentifiable_and_cp_and_w_prime_stay_usable()
    {
        var fit = CriticalPowerEstimator.Fit(Hyperbolic(250, 20_000, FitDurations), CriticalPowerModel.ThreeParameter)!;

        Assert.True(fit.Unidentifiable.HasFlag(CriticalPowerParameters.PMax));
        Assert.Null(fit.PMax);
        Assert.Equal(250, fit.CriticalPower, 3);
        Assert.InRange(fit.WPrime, 19_990, 20_010);
        Assert.True(fit.IsValid);
    }

    [Fact]
    public void Pmax_needs_a_point_of_ten_seconds_or_shorter()
    {
        var withSprint = Morton(260, 18_000, 1100, [10, 60, 120, 300, 600, 1200]);
        var withoutSprint = Morton(260, 18_000, 1100, [30, 60, 120, 300, 600, 1200]);

        Assert.Equal(1100, CriticalPowerEstimator.Fit(withSprint, CriticalPowerModel.ThreeParameter)!.PMax!.Value, 2);
        var fit = CriticalPowerEstimator.Fit(withoutSprint, CriticalPowerModel.ThreeParameter)!;
        Assert.Null(fit.PMax);
        Assert.Equal(CriticalPowerParameters.PMax, fit.Unidentifiable);
        Assert.Equal(260, fit.CriticalPower, 3);
    }

    [Fact]
    public void Three_parameters_from_two_distinct_durations_are_all_unidentifiable()
    {
        PowerDurationPoint[] points = [new(180, 400), new(180, 402), new(720, 300)];

        var fit = CriticalPowerEstimator.Fit(points, CriticalPowerModel.ThreeParameter)!;

        Assert.Equal(
            CriticalPowerParameters.CriticalPower | CriticalPowerParameters.WPrime | CriticalPowerParameters.PMax,
            fit.Unidentifiable);
        Assert.False(fit.IsValid);
    }

    [Fact]
    public void Fewer_than_three_points_give_no_fit()
    {
        PowerDurationPoint[] two = [new(180, 400), new(720, 300)];

        Assert.Null(CriticalPowerEstimator.Fit(two, CriticalPowerModel.TwoParameterHyperbolic));
        Assert.Null(CriticalPowerEstimator.Fit(two, CriticalPowerModel.TwoParameterLinear));
        Assert.Null(CriticalPowerEstimator.Fit(two, CriticalPowerModel.ThreeParameter));
        Assert.Null(CriticalPowerEstimator.Fit([], CriticalPowerModel.ThreeParameter));
    }

    [Fact]
    public void Points_at_one_duration_only_give_no_fit_and_invalid_points_are_ignored()
    {
        PowerDurationPoint[] sameDuration = [new(300, 320), new(300, 330), new(300, 310)];
        PowerDurationPoint[] withJunk = [new(180, 400), new(720, 300), new(0, 999), new(360, double.NaN), new(-5, 10)];

        Assert.Null(CriticalPowerEstimator.Fit(sameDuration, CriticalPowerModel.TwoParameterHyperbolic));
        Assert.Null(CriticalPowerEstimator.Fit(withJunk, CriticalPowerModel.TwoParameterLinear));
    }

    [Fact]
    public void A_poor_fit_is_not_valid()
    {
        PowerDurationPoint[] scattered = [new(120, 300), new(300, 100), new(600, 500), new(900, 150), new(1200, 600)];

        var fit = CriticalPowerEstimator.Fit(scattered, CriticalPowerModel.TwoParameterHyperbolic)!;

        Assert.True(fit.RSquared < 0.5);
        Assert.False(fit.IsValid);
    }

    [Fact]
    public void A_mean_max_fit_uses_the_envelope_between_two_and_twenty_minutes_only()
    {
        // A ride whose mean-max follows CP = 250 W, W′ = 20 kJ above two minutes: a block at P(d) for each d is
        // impractical, so build the curve directly and check the window and the values read.
        var durations = Enumerable.Range(1, 3600).ToArray();
        var values = durations.Select(d => 250 + (20_000.0 / d)).ToArray();
        values[9] = 5000; // a 10 s spike outside the window must not pull CP up
        var curve = new MeanMaxCurve([.. durations], [.. values]);

        var fit = CriticalPowerEstimator.FitMeanMax(curve, CriticalPowerModel.TwoParameterHyperbolic)!;

        Assert.Equal(MeanMax.StandardDurations.Count(d => d is >= 120 and <= 1200), fit.PointCount);
        Assert.Equal(250, fit.CriticalPower, 6);
        Assert.Equal(20_000, fit.WPrime, 3);
    }
}
