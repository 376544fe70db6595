namespace IcuSync.Workouts;

/// <summary>Sport families that change how the text is read.</summary>
internal enum SportFamily
{
    Other,
    Cycling,
    Running,
    Swimming,
    Strength,
}

/// <summary>Intervals.icu activity types and the families the rules care about.</summary>
public static class WorkoutSports
{
    /// <summary>The Intervals.icu activity types (from the API's enum).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "Ride", "Run", "Swim", "WeightTraining", "Hike", "Walk", "AlpineSki", "BackcountrySki", "Badminton", "Canoeing",
        "Crossfit", "EBikeRide", "EMountainBikeRide", "Elliptical", "Golf", "GravelRide", "TrackRide", "Handcycle",
        "HighIntensityIntervalTraining", "Hockey", "IceSkate", "InlineSkate", "Kayaking", "Kitesurf", "MountainBikeRide",
        "Cyclocross", "NordicSki", "OpenWaterSwim", "Padel", "Pilates", "Pickleball", "Racquetball", "Rugby",
        "RockClimbing", "RollerSki", "Rowing", "Sail", "Skateboard", "Snowboard", "Snowshoe", "Soccer", "Squash",
        "StairStepper", "StandUpPaddling", "Surfing", "TableTennis", "Tennis", "TrailRun", "Transition", "Velomobile",
        "VirtualRide", "VirtualRow", "VirtualRun", "VirtualSki", "WaterSport", "Wheelchair", "Windsurf", "Workout",
        "Yoga", "Other",
    ];

    /// <summary>Finds the activity type with this name, ignoring case. Returns null when it is not an Intervals.icu type.</summary>
    public static string? Normalize(string? sport)
    {
        if (string.IsNullOrWhiteSpace(sport))
        {
            return null;
        }

        var trimmed = sport.AsSpan().Trim();
        foreach (var known in All)
        {
            if (trimmed.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>True for the activity types where cadence targets and power zones are the norm.</summary>
    public static bool IsCycling(string? sport) => FamilyOf(sport) == SportFamily.Cycling;

    /// <summary>True for run, walk, hike and swim types, where a bare zone or percentage is read as power (rules W005, W104).</summary>
    public static bool NeedsExplicitTargetType(string? sport) => FamilyOf(sport) is SportFamily.Running or SportFamily.Swimming;

    internal static SportFamily FamilyOf(string? sport) => sport?.Trim().ToUpperInvariant() switch
    {
        "RIDE" or "VIRTUALRIDE" or "GRAVELRIDE" or "MOUNTAINBIKERIDE" or "EBIKERIDE" or "EMOUNTAINBIKERIDE"
            or "TRACKRIDE" or "CYCLOCROSS" or "VELOMOBILE" or "HANDCYCLE" => SportFamily.Cycling,
        "RUN" or "VIRTUALRUN" or "TRAILRUN" or "WALK" or "HIKE" => SportFamily.Running,
        "SWIM" or "OPENWATERSWIM" => SportFamily.Swimming,
        "WEIGHTTRAINING" => SportFamily.Strength,
        _ => SportFamily.Other,
    };
}
