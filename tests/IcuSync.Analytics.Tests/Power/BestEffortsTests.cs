using IcuSync.Analytics.Power;

namespace IcuSync.Analytics.Tests.Power;

public sealed class BestEffortsTests
{
    // Three 3 s blocks: 300 W at indices 2–4, 290 W right after it at 5–7, 280 W at 9–11 after a 1 s gap.
    private static readonly double[] Blocks = [0, 0, 300, 300, 300, 290, 290, 290, 0, 280, 280, 280, 0];

    [Fact]
    public void By_default_an_effort_may_start_right_where_the_previous_one_ended()
    {
        var efforts = BestEfforts.Find(Blocks, 3, 3).ToArray();

        Assert.Equal(
            [new BestEffort(2, 4, 3, 300), new BestEffort(5, 7, 3, 290), new BestEffort(9, 11, 3, 280)],
            efforts);
    }

    [Fact]
    public void The_sweatpy_rule_also_excludes_windows_that_touch_a_chosen_one()
    {
        var efforts = BestEfforts.Find(Blocks, 3, 3, BestEffortSpacing.OneSampleGap).ToArray();

        // Choosing start 2 masks starts 0–5, so the touching 290 W block is out and 280 W (start 9) is second; that
        // masks starts 6–10, which leaves nothing for a third effort.
        Assert.Equal([new BestEffort(2, 4, 3, 300), new BestEffort(9, 11, 3, 280)], efforts);
    }

    [Fact]
    public void Chosen_efforts_never_share_a_sample()
    {
        var ride = TestStreams.Ride(3600);
        var efforts = BestEfforts.Find(ride, 60, 10);

        Assert.Equal(10, efforts.Length);
        foreach (var a in efforts)
        {
            foreach (var b in efforts.Where(e => e != a))
            {
                Assert.True(a.EndIndex < b.StartIndex || b.EndIndex < a.StartIndex);
            }
        }

        Assert.Equal(MeanMax.Compute(ride, [60]).Values[0], efforts[0].Mean, 9);
        Assert.True(efforts.Zip(efforts.Skip(1)).All(p => p.First.Mean >= p.Second.Mean));
    }

    [Fact]
    public void Ties_go_to_the_earliest_window()
    {
        var efforts = BestEfforts.Find(TestStreams.Constant(200, 10), 5, 2).ToArray();

        Assert.Equal([new BestEffort(0, 4, 5, 200), new BestEffort(5, 9, 5, 200)], efforts);
    }

    [Fact]
    public void Fewer_efforts_come_back_when_the_stream_has_no_room_for_more()
    {
        Assert.Single(BestEfforts.Find(TestStreams.Constant(200, 7), 5, 3));
        Assert.Empty(BestEfforts.Find(TestStreams.Constant(200, 4), 5, 3));
        Assert.Empty(BestEfforts.Find([], 1, 1));
    }
}
