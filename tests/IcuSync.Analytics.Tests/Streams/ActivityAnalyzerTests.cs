using IcuSync.Analytics.Load;
using IcuSync.Analytics.Power;
using IcuSync.Analytics.Streams;

namespace IcuSync.Analytics.Tests.Streams;

public sealed class ActivityAnalyzerTests
{
    [Fact]
    public void A_steady_hour_at_ftp_with_drifting_heart_rate_gives_the_closed_form_numbers()
    {
        var streams = new ActivityStreams
        {
            Watts = TestStreams.Constant(250, 3600),
            HeartRate = TestStreams.Concat(TestStreams.Constant(150, 1800), TestStreams.Constant(160, 1800)),
        };
        var options = new ActivityAnalysisOptions
        {
            Ftp = 250,
            CriticalPower = 240,
            WPrime = 20_000,
            PowerZoneTops = [137.5, 187.5, 225, 262.5, 300, 375],
            MeanMaxDurations = [1, 60, 3600, 7200],
            BestEffortSeconds = 600,
            BestEffortCount = 2,
        };

        var analysis = ActivityAnalyzer.Analyze(streams, options);

        Assert.Equal(3600, analysis.DurationSeconds);
        Assert.Equal(100, analysis.Load!.Value, 9);
        Assert.Equal(LoadSource.Power, analysis.LoadSource);
        Assert.Equal(155, analysis.AverageHeartRate!.Value, 12);
        Assert.Equal(250 / 155.0, analysis.EfficiencyFactor!.Value, 9);
        Assert.Equal((1 - (150.0 / 160)) * 100, analysis.Decoupling!.Percent, 9);
        Assert.Equal([1, 60, 3600], analysis.PowerCurve!.Durations.ToArray());
        Assert.Equal(160, analysis.HeartRateCurve!.ValueAt(60));
        Assert.Equal([0.0, 0, 0, 3600, 0, 0, 0], analysis.TimeInPowerZones!.Value.ToArray());
        Assert.Equal(2, analysis.BestEfforts.Length);
        Assert.Equal(20_000 - 36_000, analysis.WPrimeBalance!.MinimumJoules, 6);
        Assert.Equal(3600, analysis.WPrimeBalance.MinimumAtSeconds);
    }

    [Fact]
    public void Without_power_the_load_comes_from_pace_then_heart_rate()
    {
        var speed = TestStreams.Constant(4, 3600);
        var hr = TestStreams.Constant(170, 3600);
        var profile = new HeartRateProfile(50, 190, 170, Sex.Male);

        var paced = ActivityAnalyzer.Analyze(new ActivityStreams { Speed = speed, HeartRate = hr }, new ActivityAnalysisOptions { ThresholdSpeed = 4, HeartRateProfile = profile });
        var hrOnly = ActivityAnalyzer.Analyze(new ActivityStreams { HeartRate = hr }, new ActivityAnalysisOptions { HeartRateProfile = profile });

        Assert.Equal(LoadSource.Pace, paced.LoadSource);
        Assert.Equal(100, paced.Load!.Value, 9);
        Assert.Equal(4 / 170.0, paced.EfficiencyFactor!.Value, 12);
        Assert.Null(paced.Power);
        Assert.Null(paced.PowerCurve);
        Assert.Equal(LoadSource.HeartRate, hrOnly.LoadSource);
        Assert.Equal(100, hrOnly.Load!.Value, 9);
    }

    [Fact]
    public void Lone_power_dropouts_are_repaired_before_analysis_unless_turned_off()
    {
        double[] watts = [200, 200, 0, 200, 200];

        var repaired = ActivityAnalyzer.Analyze(new ActivityStreams { Watts = watts });
        var raw = ActivityAnalyzer.Analyze(new ActivityStreams { Watts = watts }, new ActivityAnalysisOptions { RepairPowerDropouts = false });

        Assert.Equal(200, repaired.Power!.AveragePower);
        Assert.Equal(160, raw.Power!.AveragePower);
        Assert.Equal([200.0, 200, 0, 200, 200], watts);
    }

    [Fact]
    public void An_activity_with_no_streams_has_nothing_computable()
    {
        var analysis = ActivityAnalyzer.Analyze(new ActivityStreams(), new ActivityAnalysisOptions { Ftp = 250, CriticalPower = 250, WPrime = 20_000 });

        Assert.Equal(0, analysis.DurationSeconds);
        Assert.Null(analysis.Power);
        Assert.Null(analysis.Load);
        Assert.Null(analysis.AverageHeartRate);
        Assert.Null(analysis.WPrimeBalance);
        Assert.Empty(analysis.BestEfforts);
    }
}
