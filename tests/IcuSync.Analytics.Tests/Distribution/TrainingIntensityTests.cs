using IcuSync.Analytics.Distribution;

namespace IcuSync.Analytics.Tests.Distribution;

public sealed class TrainingIntensityTests
{
    [Fact]
    public void An_even_split_has_entropy_log2_of_3_and_one_zone_has_none()
    {
        Assert.Equal(Math.Log2(3), TrainingIntensity.ShannonEntropyBits([10, 10, 10]), 12);
        Assert.Equal(0, TrainingIntensity.ShannonEntropyBits([0, 42, 0]));
        Assert.Equal(1, TrainingIntensity.ShannonEntropyBits([5, 5]), 12);
        Assert.Equal(0, TrainingIntensity.ShannonEntropyBits([]));
    }

    [Fact]
    public void Entropy_of_a_hand_worked_split_is_minus_the_sum_of_f_log2_f()
    {
        // f = 1/2, 1/4, 1/4: H = 0.5 + 0.5 + 0.5 = 1.5 bits.
        var tid = TrainingIntensity.FromThreeZones(3600, 1800, 1800)!;

        Assert.Equal(1.5, tid.EntropyBits, 12);
        Assert.Equal(1.5 / Math.Log2(3), tid.NormalizedEntropy, 12);
    }

    [Fact]
    public void The_polarization_index_is_log10_of_f1_over_f2_times_f3_times_100()
    {
        // f = 0.80, 0.05, 0.15: log₁₀(16 · 0.15 · 100) = log₁₀ 240 = 2.380.
        var tid = TrainingIntensity.FromThreeZones(80, 5, 15)!;

        Assert.Equal(Math.Log10(240), tid.PolarizationIndex, 12);
        Assert.False(tid.PolarizationIndexFloored);
        Assert.Equal(IntensityDistributionModel.Polarized, tid.Model);
    }

    [Fact]
    public void Zone_shares_below_one_percent_are_floored_and_flagged()
    {
        // f = 0.9, 0.1, 0: f₃ is floored to 0.01, so PI = log₁₀(9 · 0.01 · 100) = log₁₀ 9.
        var tid = TrainingIntensity.FromThreeZones(90, 10, 0)!;

        Assert.True(tid.PolarizationIndexFloored);
        Assert.Equal(Math.Log10(9), tid.PolarizationIndex, 12);
    }

    [Theory]
    [InlineData(70, 20, 10, IntensityDistributionModel.Pyramidal)]
    [InlineData(30, 50, 20, IntensityDistributionModel.Threshold)]
    [InlineData(75, 5, 20, IntensityDistributionModel.Polarized)]
    public void Distributions_are_labelled_by_their_shares(double low, double moderate, double high, IntensityDistributionModel expected)
    {
        Assert.Equal(expected, TrainingIntensity.FromThreeZones(low, moderate, high)!.Model);
    }

    [Fact]
    public void Coggan_zones_fold_z1_z2_low_z3_z4_moderate_and_z5_up_high()
    {
        var tid = TrainingIntensity.FromZoneTimes([100, 200, 30, 20, 10, 5, 5], ThreeZoneMapping.CogganSevenZones)!;

        Assert.Equal(300, tid.LowSeconds);
        Assert.Equal(50, tid.ModerateSeconds);
        Assert.Equal(20, tid.HighSeconds);
        Assert.Equal(300 / 370.0, tid.LowFraction, 12);
        Assert.Equal(ThreeZoneMapping.CogganSevenZones, tid.Mapping);
    }

    [Fact]
    public void Five_zones_fold_z3_moderate_and_z4_z5_high()
    {
        var tid = TrainingIntensity.FromZoneTimes([10, 20, 30, 40, 50], ThreeZoneMapping.FiveZones)!;

        Assert.Equal([30.0, 30, 90], [tid.LowSeconds, tid.ModerateSeconds, tid.HighSeconds]);
    }

    [Fact]
    public void No_recorded_time_gives_no_distribution()
    {
        Assert.Null(TrainingIntensity.FromThreeZones(0, 0, 0));
        Assert.Null(TrainingIntensity.FromZoneTimes([], ThreeZoneMapping.ThreeZones));
    }
}
