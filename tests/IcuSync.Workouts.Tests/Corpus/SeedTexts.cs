namespace IcuSync.Workouts.Tests.Corpus;

/// <summary>The examples of the workout-format seed (shared/seeds/004), verbatim.</summary>
internal static class SeedTexts
{
    public const string WeeklyPlan = """
        #WEEK 1
        Monday, 0:45, Recovery Run
        - 45m Z1 HR easy conversational pace, nose breathing
        Tuesday, 1:30, Endurance Run
        - 15m Z1 HR warm-up
        - 60m Z2 HR
        - 15m Z1 HR cooldown
        Wednesday, REST
        Thursday, 1:00, Recovery Run + Strides
        - 45m Z1 HR
        Strides 6x
        - 15s Z4 Pace (relaxed fast, not sprint)
        - 1m45 Z1 HR
        Friday, REST
        Saturday, 2:30, Long Endurance Run
        - 2h30m Z1-Z2 HR, focus on vertical gain (aim for 600m+)
        Sunday, 1:00, Recovery Run
        - 1h Z1 HR very easy
        Weekly totals:
        - Time: 7:15
        - Vertical gain: ~1200m (estimate)
        - Zone distribution: 85% Z1-Z2, 15% strides/pick-ups
        """;

    public const string MinimalStructure = """
        Warmup
        - 10m 60%
        Main Set 5x
        - 3m 120%
        - 2m Z1
        Cooldown
        - 10m 50%
        """;

    public const string StandaloneRepeat = """
        5x
        - 3m 120%
        - 2m Z1
        """;

    public const string CorrectRepeatStructure = """
        Warmup
        - 10m 60%

        Main Set 5x

        - 3m 120%
        - 2m Z1

        Cooldown
        - 10m 50%
        """;

    public const string MixingTargetTypes = """
        Warmup
        - 10m Z1 HR
        Main Set 4x
        - 6m 100%
        - 3m 75-80% pace
        Cooldown
        - 10m ramp 60-40% HR
        """;

    public const string AerobicWithStrides = """
        Warmup
        - 15m Z1 HR
        Main Set
        - 50m Z2 HR
        Strides 6x
        - 15s Z4 Pace
        - 1m45 Z1 HR
        Cooldown
        - 13m Z1 HR
        """;

    public const string DistanceIntervals = """
        Warmup
        - 1mi Z1 HR
        Main Set 4x
        - 1mi Z4 Pace
        - 0.5mi Z1 Pace
        Cooldown
        - 1mi Z1 Pace
        """;

    public const string FormattingLines = """
        # Title
        **bold** *italic* ***bold italic***
        [link](https://example.com)
        ---
        <p class="text-red">This text is red</p>
        <span class="d-none">This text is hidden</span>
        - 20m 60%
        """;

    /// <summary>The worked example of intervals-api.md §6.3 (FTP 250 W).</summary>
    public const string ApiWorkedExample = """
        Warmup
        - 10m ramp 50-75%

        Main Set 3x
        - 8m 95-100%
        - 4m 55%

        Cooldown
        - 10m 50%
        """;
}
