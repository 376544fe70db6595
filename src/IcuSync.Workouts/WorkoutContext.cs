namespace IcuSync.Workouts;

/// <summary>What the checker and the totals need to know about the athlete and the event.</summary>
/// <param name="Sport">Intervals.icu activity type: Ride, VirtualRide, Run, Walk, Hike, Swim, WeightTraining, …</param>
/// <param name="FtpWatts">Functional threshold power in watts; enables power load, NP and resolved watts.</param>
/// <param name="ThresholdPaceSecsPerKm">Threshold pace in seconds per kilometre (270 for 4:30/km); enables distance-step
/// duration estimates and pace load. For swimming give the per-km equivalent (CSS 1:40/100m → 1000).</param>
/// <param name="LthrBpm">Lactate threshold heart rate in beats per minute; enables heart-rate load.</param>
/// <param name="DeclaredDurationSecs">The duration declared for the event (its <c>new_duration</c>), in seconds; compared
/// with the computed total (rule W102).</param>
public sealed record WorkoutContext(
    string Sport = "Ride",
    int? FtpWatts = null,
    double? ThresholdPaceSecsPerKm = null,
    int? LthrBpm = null,
    int? DeclaredDurationSecs = null)
{
    /// <summary>When true, the workout_doc carries resolved absolute targets (<c>_power</c> in W, <c>_hr</c> in bpm,
    /// <c>_pace</c> in m/s) and the thresholds used, like Intervals.icu with <c>resolve=true</c>.</summary>
    public bool ResolveTargets { get; init; }

    /// <summary>A context for a ride with no thresholds.</summary>
    public static WorkoutContext Default { get; } = new();
}
