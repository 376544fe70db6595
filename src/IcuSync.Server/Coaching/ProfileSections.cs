using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>Who the athlete is: name, time zone, weight (kg), resting HR (bpm) and the sports they have settings for.</summary>
public sealed record ProfileOverview(
    string Name,
    string? Sex,
    string? Timezone,
    double? WeightKg,
    int? RestingHrBpm,
    string? PrimarySport,
    IReadOnlyList<string> Sports);

/// <summary>The zones of one sport group (power tops in W and % FTP, HR tops in bpm, pace tops as pace and % threshold).</summary>
public sealed record SportZones(
    long? SportSettingsId,
    IReadOnlyList<string> Types,
    IReadOnlyList<NamedZone>? PowerZones,
    IReadOnlyList<NamedZone>? HrZones,
    IReadOnlyList<NamedZone>? PaceZones);

/// <summary>
/// The thresholds of one sport group: watts, joules, bpm; the AeT is the top of HR zone 2, and the AeT–LT gap is
/// (LT − AeT) / AeT × 100.
/// </summary>
public sealed record SportThresholdRow(
    long? SportSettingsId,
    IReadOnlyList<string> Types,
    int? FtpW,
    int? IndoorFtpW,
    int? EftpW,
    int? WPrimeJ,
    int? PMaxW,
    int? LthrBpm,
    int? AetHrBpm,
    double? AetLtGapPct,
    int? MaxHrBpm,
    string? ThresholdPace,
    double? ThresholdPaceMps);

/// <summary>Fitness on the athlete-local date: CTL/ATL/TSB in load points, ramp in CTL points per week, form % = 100·TSB/CTL.</summary>
public sealed record ProfileMetrics(
    string Date,
    double Ctl,
    double Atl,
    double Tsb,
    double? FormPct,
    string FormZone,
    double? RampPerWeek,
    string? CtlTrend,
    double? CtlSlopePerWeek,
    string Source,
    double? WeightKg,
    int? RestingHrBpm);

/// <summary>A field that could not be computed, and why (never guessed).</summary>
public sealed record UnavailableField(string Field, string Reason);

/// <summary>The requested profile sections; sections not asked for are null.</summary>
public sealed record ProfileSectionsView(
    ProfileOverview? Overview,
    IReadOnlyList<SportZones>? Zones,
    IReadOnlyList<SportThresholdRow>? Thresholds,
    ProfileMetrics? Metrics,
    IReadOnlyList<UnavailableField>? Unavailable);

/// <summary>
/// The athlete profile in the four sections of the intents contract (overview, zones, thresholds, metrics), built from
/// <see cref="AthleteProfiles"/> and <see cref="FitnessSeries"/>. Shared by <c>manage_profile</c> and the
/// <c>intervals-icu://athlete/profile</c> resource.
/// </summary>
public sealed class ProfileSections(AthleteProfiles profiles, FitnessSeries fitness)
{
    public const string Overview = "overview";
    public const string Zones = "zones";
    public const string Thresholds = "thresholds";
    public const string Metrics = "metrics";

    /// <summary>Every section, in contract order.</summary>
    public static readonly IReadOnlyList<string> All = [Overview, Zones, Thresholds, Metrics];

    /// <summary>Parses the <c>sections</c> argument (default: all); unknown names are refused with the accepted ones.</summary>
    public static IReadOnlySet<string> Parse(IReadOnlyList<string>? sections, string argument)
    {
        var wanted = (sections ?? [])
            .SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (wanted.Count == 0)
        {
            return new HashSet<string>(All, StringComparer.Ordinal);
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in wanted)
        {
            result.Add(All.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase))
                ?? throw ToolFailure.BadArgument(argument, "a list of any of " + string.Join(", ", All), $"got '{ToolArguments.Shorten(name)}'"));
        }

        return result;
    }

    public async Task<ProfileSectionsView> GetAsync(AthleteScope scope, IReadOnlySet<string> sections, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(sections);
        var unavailable = new List<UnavailableField>();
        var (view, settings) = await profiles.GetAsync(scope.Credential, scope.AthleteId, ct);
        var groups = view.SportSettings.Zip(settings, (profile, dto) => (Profile: profile, Dto: dto)).ToList();

        ProfileOverview? overview = null;
        if (sections.Contains(Overview))
        {
            var primary = settings.FirstOrDefault(s => s.IsOther != true)?.Types?.FirstOrDefault();
            overview = new ProfileOverview(view.Name, view.Sex, view.Timezone ?? scope.Context.Timezone, view.WeightKg, view.RestingHrBpm, primary, view.Sports);
            if (view.WeightKg is null)
            {
                unavailable.Add(new UnavailableField("overview.weight_kg", "no weight is set on the Intervals.icu profile"));
            }
        }

        List<SportZones>? zones = sections.Contains(Zones)
            ? [.. groups.Select(g => new SportZones(g.Dto.Id, g.Profile.Types, g.Profile.PowerZones, g.Profile.HrZones, g.Profile.PaceZones))]
            : null;

        List<SportThresholdRow>? thresholds = null;
        if (sections.Contains(Thresholds))
        {
            thresholds = [];
            foreach (var (profile, dto) in groups)
            {
                var hr = SportThresholds.Read(dto);
                thresholds.Add(new SportThresholdRow(dto.Id, profile.Types, profile.FtpWatts, profile.IndoorFtpWatts, profile.EftpWatts,
                    profile.WPrimeJoules, profile.PMaxWatts, profile.LthrBpm, hr.AetHrBpm, hr.AetLtGapPct, profile.MaxHrBpm,
                    profile.ThresholdPace, profile.ThresholdPaceMetersPerSecond));
                var label = profile.Types.FirstOrDefault() ?? "other";
                if (profile.FtpWatts is not null && profile.EftpWatts is null)
                {
                    unavailable.Add(new UnavailableField($"thresholds.{label}.eftp_w", "Intervals.icu has no power model for this sport yet (it needs recent maximal efforts)"));
                }

                if (profile.LthrBpm is not null && hr.AetHrBpm is null)
                {
                    unavailable.Add(new UnavailableField($"thresholds.{label}.aet_hr_bpm", "the sport has fewer than three HR zones, so no zone 2 top to read the AeT from"));
                }
            }
        }

        ProfileMetrics? metrics = null;
        if (sections.Contains(Metrics))
        {
            var report = await fitness.GetAsync(scope, new DateRange(scope.Today.AddDays(-6), scope.Today), ct);
            var day = report.Days.LastOrDefault(d => d.Projected != true);
            if (day is null || (day.Ctl <= 0 && day.Atl <= 0))
            {
                unavailable.Add(new UnavailableField("metrics", "no training load recorded in the last six months, so CTL/ATL/TSB cannot be computed"));
            }
            else
            {
                metrics = new ProfileMetrics(day.Date, day.Ctl, day.Atl, day.Tsb, day.FormPct, day.FormZone, day.RampPerWeek,
                    report.Trend?.Direction, report.Trend?.SlopePerWeek, report.Source, view.WeightKg, view.RestingHrBpm);
            }
        }

        return new ProfileSectionsView(overview, zones, thresholds, metrics, unavailable.Count == 0 ? null : unavailable);
    }
}
