using System.Text.Json;
using IcuSync.Analytics.Distribution;
using IcuSync.Sandbox;

namespace IcuSync.Server.Tests.Intents.Read;

/// <summary>The read-intent tests' own steps: the sandbox numbers (loads, zones, distributions) to assert against.</summary>
internal static class ReadIntentKit
{
    public static IReadOnlyDictionary<string, string> UnavailableByMetric(this JsonElement element) =>
        element.TryGetProperty("unavailable", out var list)
            ? list.EnumerateArray().ToDictionary(u => u.GetProperty("metric").GetString()!, u => u.GetProperty("reason").GetString()!)
            : new Dictionary<string, string>();

    /// <summary>Daily load (sum of icu_training_load per local date, Strava stubs excluded) from <paramref name="from"/> through <paramref name="to"/>.</summary>
    public static double[] DailyLoads(this SandboxStore store, string athleteId, DateOnly from, DateOnly to) =>
        [.. Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => (double)store.DailyLoad(athleteId, from.AddDays(i)))];

    /// <summary>Low/moderate/high seconds of one activity from its power, else HR, else pace zone times (the documented mapping).</summary>
    public static (double Low, double Moderate, double High)? ThreeZones(SandboxActivity activity)
    {
        var power = activity.IcuZoneTimes?.Where(z => z.Id.StartsWith('Z')).OrderBy(z => z.Id, StringComparer.Ordinal).Select(z => (double)z.Secs).ToArray();
        var zones = power is { Length: > 0 } && power.Sum() > 0 ? power
            : activity.IcuHrZoneTimes is { Count: > 0 } hr && hr.Sum() > 0 ? hr.Select(s => (double)s).ToArray()
            : activity.PaceZoneTimes?.Select(s => (double)s).ToArray();
        if (zones is not { Length: >= 3 } || !(zones.Sum() > 0))
        {
            return null;
        }

        var (firstModerate, firstHigh) = zones.Length >= 7 ? (3, 5) : zones.Length >= 5 ? (3, 4) : (2, 3);
        double low = 0, moderate = 0, high = 0;
        for (var i = 0; i < zones.Length; i++)
        {
            if (i + 1 >= firstHigh)
            {
                high += zones[i];
            }
            else if (i + 1 >= firstModerate)
            {
                moderate += zones[i];
            }
            else
            {
                low += zones[i];
            }
        }

        return (low, moderate, high);
    }

    /// <summary>The three-zone distribution of a set of activities, as IcuSync.Analytics describes it.</summary>
    public static IntensityDistribution? Distribution(IEnumerable<SandboxActivity> activities)
    {
        double low = 0, moderate = 0, high = 0;
        foreach (var a in activities.Where(a => !a.IsStravaStub))
        {
            if (ThreeZones(a) is { } z)
            {
                (low, moderate, high) = (low + z.Low, moderate + z.Moderate, high + z.High);
            }
        }

        return TrainingIntensity.FromThreeZones(low, moderate, high);
    }
}
