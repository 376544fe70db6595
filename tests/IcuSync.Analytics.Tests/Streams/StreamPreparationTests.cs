using IcuSync.Analytics.Streams;

namespace IcuSync.Analytics.Tests.Streams;

public sealed class StreamPreparationTests
{
    [Fact]
    public void A_lone_zero_between_two_readings_holds_the_previous_value()
    {
        double[] watts = [712, 398, 0, 298];

        StreamPreparation.RepairPowerDropouts(watts);

        Assert.Equal([712.0, 398, 398, 298], watts);
    }

    [Fact]
    public void Runs_of_zeros_are_coasting_and_stay_while_NaN_and_negatives_become_zero()
    {
        double[] watts = [200, 0, 0, 200, double.NaN, double.NaN, -3, 0];

        StreamPreparation.RepairPowerDropouts(watts);

        Assert.Equal([200.0, 0, 0, 200, 0, 0, 0, 0], watts);
    }

    [Fact]
    public void Recording_gaps_up_to_an_hour_are_filled_second_by_second_with_zeros()
    {
        double[] time = [0, 1, 2, 6, 7];
        double[] watts = [100, 110, 120, 130, 140];

        Assert.Equal([100.0, 110, 120, 0, 0, 0, 130, 140], StreamPreparation.ToOneHertz(time, watts));
    }

    [Fact]
    public void A_gap_longer_than_the_limit_gets_a_single_zero()
    {
        double[] time = [0, 1, 5000];
        double[] watts = [100, 110, 120];

        Assert.Equal([100.0, 110, 0, 120], StreamPreparation.ToOneHertz(time, watts));
        Assert.Equal([100.0, 110, 0, 0, 120], StreamPreparation.ToOneHertz([0, 1, 4], watts, maximumFilledGapSeconds: 2));
    }

    [Fact]
    public void Samples_that_do_not_move_time_forward_are_dropped()
    {
        Assert.Equal([1.0, 3], StreamPreparation.ToOneHertz([0, 0, 1], [1, 2, 3]));
        Assert.Empty(StreamPreparation.ToOneHertz([], []));
        Assert.Throws<ArgumentException>(() => StreamPreparation.ToOneHertz([0, 1], [1]));
    }
}
