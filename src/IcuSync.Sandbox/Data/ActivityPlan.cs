namespace IcuSync.Sandbox.Data;

internal enum SegmentKind
{
    Warmup,
    Steady,
    Work,
    Recovery,
    Cooldown,
}

internal enum SportFamily
{
    Ride,
    Run,
    Swim,
}

/// <summary>A constant-effort part of a generated activity. <see cref="Intensity"/> is a fraction of FTP
/// (rides) or of threshold speed (runs, swims). <see cref="Secs"/> is a multiple of <see cref="BlockProfile.BlockSecs"/>.</summary>
internal readonly record struct PlanSegment(int Secs, double Intensity, SegmentKind Kind);

/// <summary>The athlete's physiology at the time of the activity.</summary>
internal sealed record Physiology(int? Ftp, double? ThresholdSpeed, int Lthr, int MaxHr, int RestingHr, double Weight);

/// <summary>
/// Everything needed to regenerate a generated activity's 1 Hz streams: the streams are a pure function of the
/// plan, so they are produced on demand and never kept for the whole history.
/// </summary>
internal sealed record ActivityPlan(
    SportFamily Family,
    IReadOnlyList<PlanSegment> Segments,
    bool Outdoor,
    int PauseSecs,
    ulong Seed,
    Physiology Physiology,
    double StartAltitude)
{
    public static SportFamily FamilyOf(string? type) => type switch
    {
        "Run" or "TrailRun" or "VirtualRun" => SportFamily.Run,
        "Swim" or "OpenWaterSwim" => SportFamily.Swim,
        _ => SportFamily.Ride,
    };

    public bool HasPower => Family == SportFamily.Ride && Physiology.Ftp is not null;
}
