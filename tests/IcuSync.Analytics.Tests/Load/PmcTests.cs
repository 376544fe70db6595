using IcuSync.Analytics.Load;

namespace IcuSync.Analytics.Tests.Load;

public sealed class PmcTests
{
    private static readonly DateOnly Day0 = new(2024, 1, 1);

    [Fact]
    public void Lambda_is_one_minus_e_to_the_minus_one_over_tau()
    {
        Assert.Equal(0.0235283, Pmc.Lambda(42), 7);
        Assert.Equal(0.1331221, Pmc.Lambda(7), 7);
        Assert.Equal(1 - Math.Exp(-1.0 / 42), Pmc.Lambda(42), 15);
    }

    [Fact]
    public void Constant_load_from_zero_follows_the_closed_form()
    {
        // CTL_n = L·(1 − e^(−n/τ)): after τ days, 63.2121 % of L.
        var pmc = Pmc.Compute(Day0, TestStreams.Constant(100, 60));

        for (var n = 1; n <= 60; n++)
        {
            Assert.Equal(100 * (1 - Math.Exp(-n / 42.0)), pmc.Days[n - 1].Ctl, 9);
            Assert.Equal(100 * (1 - Math.Exp(-n / 7.0)), pmc.Days[n - 1].Atl, 9);
        }

        Assert.Equal(63.2121, pmc.Days[41].Ctl, 4);
        Assert.Equal(63.2121, pmc.Days[6].Atl, 4);
    }

    [Fact]
    public void A_hand_worked_week_matches_the_convolution_form()
    {
        // CTL_d = Σ_j λ(1−λ)^(d−j)·L_j, the recursion unrolled; TSB same day; ramp against day −1 = 0.
        double[] week = [100, 0, 50, 0, 0, 120, 0];
        var pmc = Pmc.Compute(Day0, week);
        var lc = 1 - Math.Exp(-1 / 42.0);
        var la = 1 - Math.Exp(-1 / 7.0);

        for (var d = 0; d < week.Length; d++)
        {
            var ctl = Enumerable.Range(0, d + 1).Sum(j => lc * Math.Pow(1 - lc, d - j) * week[j]);
            var atl = Enumerable.Range(0, d + 1).Sum(j => la * Math.Pow(1 - la, d - j) * week[j]);
            var day = pmc.Days[d];
            Assert.Equal(Day0.AddDays(d), day.Date);
            Assert.Equal(week[d], day.Load);
            Assert.Equal(ctl, day.Ctl, 12);
            Assert.Equal(atl, day.Atl, 12);
            Assert.Equal(ctl - atl, day.Tsb, 12);
            Assert.Equal(ctl, day.Ramp!.Value, 12);
        }
    }

    [Fact]
    public void Ramp_is_the_seven_day_change_in_ctl()
    {
        var loads = TestStreams.Ride(30, seed: 3).Select(w => w / 3).ToArray();
        var pmc = Pmc.Compute(Day0, loads);

        for (var d = 7; d < loads.Length; d++)
        {
            Assert.Equal(pmc.Days[d].Ctl - pmc.Days[d - 7].Ctl, pmc.Days[d].Ramp!.Value, 12);
        }
    }

    [Fact]
    public void The_previous_day_option_reads_form_from_yesterday()
    {
        double[] loads = [100, 80, 0, 150];
        var sameDay = Pmc.Compute(Day0, loads);
        var previousDay = Pmc.Compute(Day0, loads, new PmcOptions { TsbUsesPreviousDay = true });

        Assert.Equal(0, previousDay.Days[0].Tsb);
        for (var d = 1; d < loads.Length; d++)
        {
            Assert.Equal(sameDay.Days[d - 1].Ctl - sameDay.Days[d - 1].Atl, previousDay.Days[d].Tsb, 12);
        }
    }

    [Fact]
    public void A_seed_decays_through_rest_days_and_leaves_the_first_ramps_unknown()
    {
        var options = new PmcOptions { Seed = new PmcSeed(50, 70) };
        var pmc = Pmc.Compute(Day0, new double[10], options);

        for (var n = 1; n <= 10; n++)
        {
            Assert.Equal(50 * Math.Exp(-n / 42.0), pmc.Days[n - 1].Ctl, 9);
            Assert.Equal(70 * Math.Exp(-n / 7.0), pmc.Days[n - 1].Atl, 9);
        }

        Assert.All(pmc.Days.Take(6), d => Assert.Null(d.Ramp));
        Assert.Equal(pmc.Days[6].Ctl - 50, pmc.Days[6].Ramp!.Value, 12);
        Assert.NotNull(pmc.Days[7].Ramp);
    }

    [Fact]
    public void Time_constants_are_configurable()
    {
        var pmc = Pmc.Compute(Day0, TestStreams.Constant(80, 28), new PmcOptions { CtlDays = 28, AtlDays = 5 });

        Assert.Equal(80 * (1 - Math.Exp(-1.0)), pmc.Days[27].Ctl, 9);
        Assert.Equal(80 * (1 - Math.Exp(-1.0)), pmc.Days[4].Atl, 9);
    }

    [Fact]
    public void A_single_day_gets_one_step()
    {
        var pmc = Pmc.Compute(Day0, [90]);

        var day = Assert.Single(pmc.Days);
        Assert.Equal(90 * Pmc.Lambda(42), day.Ctl, 12);
        Assert.Equal(90 * Pmc.Lambda(7), day.Atl, 12);
        Assert.Equal(day.Ctl, day.Ramp!.Value, 12);
        Assert.Equal(day, pmc.Last);
        Assert.Equal(day, pmc.On(Day0));
        Assert.Null(pmc.On(Day0.AddDays(1)));
    }

    [Fact]
    public void An_empty_series_has_no_days()
    {
        var pmc = Pmc.Compute(Day0, []);

        Assert.Empty(pmc.Days);
        Assert.Null(pmc.Last);
    }

    [Fact]
    public void Days_without_activity_are_stepped_as_zero_load()
    {
        DatedValue[] activities = [new(Day0, 60), new(Day0, 40), new(Day0.AddDays(3), 100)];
        var series = DailySeries.SumByDay(activities);
        var pmc = Pmc.Compute(series);

        Assert.Equal([100.0, 0, 0, 100], series.Values.ToArray());
        Assert.Equal(4, pmc.Days.Count);
        Assert.Equal(Pmc.Compute(Day0, [100, 0, 0, 100]).Days.ToArray(), pmc.Days.ToArray());
        Assert.Equal(pmc.Days[0].Ctl * Math.Pow(1 - Pmc.Lambda(42), 3) + (100 * Pmc.Lambda(42)), pmc.Days[3].Ctl, 12);
    }

    [Fact]
    public void The_buffer_overload_matches_the_day_records()
    {
        var loads = TestStreams.Ride(400, seed: 9);
        var ctl = new double[loads.Length];
        var atl = new double[loads.Length];
        var options = new PmcOptions { Seed = new PmcSeed(40, 55) };

        Pmc.Compute(loads, ctl, atl, options);
        var pmc = Pmc.Compute(Day0, loads, options);

        Assert.Equal(pmc.Days.Select(d => d.Ctl), ctl);
        Assert.Equal(pmc.Days.Select(d => d.Atl), atl);
    }

    [Fact]
    public void Form_percent_is_tsb_over_ctl()
    {
        var day = Pmc.Compute(Day0, [0, 0, 200]).Days[2];

        Assert.Equal(100 * day.Tsb / day.Ctl, day.FormPercent!.Value, 12);
        Assert.Null(Pmc.Compute(Day0, [0]).Days[0].FormPercent);
    }
}
