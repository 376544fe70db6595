using IcuSync.Intervals;

namespace IcuSync.Server.Coaching;

/// <summary>An athlete's profile as a coach needs it: thresholds and zones per sport. Never the email or any key.</summary>
public sealed record AthleteProfileView(
    string Name,
    string? Sex,
    string? Timezone,
    double? WeightKg,
    int? RestingHrBpm,
    IReadOnlyList<string> Sports,
    IReadOnlyList<SportProfile> SportSettings);

/// <summary>Thresholds and zones of one sport group. Power zone tops are % of FTP; HR zone tops are bpm; pace zone tops are % of threshold pace.</summary>
public sealed record SportProfile(
    IReadOnlyList<string> Types,
    int? FtpWatts,
    int? IndoorFtpWatts,
    int? EftpWatts,
    int? WPrimeJoules,
    int? PMaxWatts,
    int? LthrBpm,
    int? MaxHrBpm,
    string? ThresholdPace,
    double? ThresholdPaceMetersPerSecond,
    IReadOnlyList<NamedZone>? PowerZones,
    IReadOnlyList<NamedZone>? HrZones,
    IReadOnlyList<NamedZone>? PaceZones);

/// <summary>A zone with its name and its top: watts, bpm, or a pace string, and the raw top value.</summary>
public sealed record NamedZone(string Name, double? Top, string? TopLabel);

/// <summary>Builds <see cref="AthleteProfileView"/> from the athlete record and their sport settings.</summary>
public sealed class AthleteProfiles(IntervalsReads reads)
{
    public async Task<(AthleteProfileView View, IReadOnlyList<SportSettingsDto> Settings)> GetAsync(IntervalsCredential credential, string athleteId, CancellationToken ct)
    {
        var athlete = await reads.GetAthleteAsync(credential, athleteId, ct);
        var settings = athlete.SportSettings is { Count: > 0 } embedded
            ? embedded
            : await reads.ListSportSettingsAsync(credential, athleteId, ct);
        var sports = settings.Select(ToProfile).ToList();
        var name = athlete.Name ?? string.Join(' ', new[] { athlete.FirstName, athlete.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        var view = new AthleteProfileView(
            string.IsNullOrWhiteSpace(name) ? athleteId : name,
            athlete.Sex,
            athlete.Timezone,
            athlete.IcuWeight ?? athlete.Weight,
            athlete.IcuRestingHr,
            [.. settings.SelectMany(s => s.Types ?? []).Distinct(StringComparer.Ordinal)],
            sports);
        return (view, settings);
    }

    /// <summary>The sport settings that apply to an activity type (e.g. VirtualRide → the Ride group), if any.</summary>
    public static SportSettingsDto? For(IReadOnlyList<SportSettingsDto> settings, string sport) =>
        settings.FirstOrDefault(s => s.Types?.Contains(sport, StringComparer.OrdinalIgnoreCase) == true)
        ?? settings.FirstOrDefault(s => s.Types?.Any(t => sport.Contains(t, StringComparison.OrdinalIgnoreCase) || t.Contains(sport, StringComparison.OrdinalIgnoreCase)) == true);

    private static SportProfile ToProfile(SportSettingsDto s)
    {
        var types = s.Types ?? [];
        return new SportProfile(
            types,
            s.Ftp,
            s.IndoorFtp,
            s.MmpModel?.Ftp,
            s.WPrime,
            s.PMax,
            s.Lthr,
            s.MaxHr,
            PaceUnits.Format(s.ThresholdPace, s.PaceUnits),
            s.ThresholdPace,
            Zones(s.PowerZones, s.PowerZoneNames, top => s.Ftp is { } ftp ? $"{Math.Round(ftp * top / 100.0):0} W ({top:0}% FTP)" : $"{top:0}% FTP"),
            Zones(s.HrZones, s.HrZoneNames, top => $"{top:0} bpm"),
            Zones(s.PaceZones, s.PaceZoneNames, top => s.ThresholdPace is { } tp
                ? $"{PaceUnits.Format(tp * top / 100.0, s.PaceUnits)} ({top:0}% threshold)"
                : $"{top:0}% threshold pace"));
    }

    private static List<NamedZone>? Zones<T>(IReadOnlyList<T?>? tops, IReadOnlyList<string>? names, Func<double, string> label)
        where T : struct, IConvertible
    {
        if (tops is not { Count: > 0 })
        {
            return null;
        }

        var zones = new List<NamedZone>(tops.Count);
        for (var i = 0; i < tops.Count; i++)
        {
            var top = tops[i] is { } t ? Convert.ToDouble(t, System.Globalization.CultureInfo.InvariantCulture) : (double?)null;
            var name = names is not null && i < names.Count && !string.IsNullOrWhiteSpace(names[i]) ? names[i] : $"Z{i + 1}";
            // Intervals.icu stores an open-ended last zone as a very large top (e.g. 999); show it as open.
            zones.Add(top is { } v && v < 900 ? new NamedZone(name, v, label(v)) : new NamedZone(name, null, "open-ended"));
        }

        return zones;
    }
}
