using System.Text.Json.Nodes;
using IcuSync.Workouts;

namespace IcuSync.Sandbox.Data;

/// <summary>
/// The one place the sandbox calls IcuSync.Workouts: turns an event or library description into
/// <c>workout_doc</c> plus moving time (s), distance (m), load, intensity (% of threshold) and joules.
/// </summary>
internal static class EventWorkouts
{
    internal sealed record Result(JsonObject Doc, int? MovingTime, double? Distance, int? Load, double? Intensity, int? Joules);

    public static Result Analyze(string? description, string? type, SandboxSportSettings? settings, int? declaredSecs, bool resolve)
    {
        double? paceSecsPerKm = settings?.ThresholdPace is > 0 and var speed ? 1000.0 / speed : null;
        var context = new WorkoutContext(type ?? "Ride", settings?.Ftp, paceSecsPerKm, settings?.Lthr, declaredSecs)
        {
            ResolveTargets = resolve,
        };

        var analysis = WorkoutText.Analyze(description, context);
        var doc = analysis.WorkoutDoc;
        if (analysis.DurationSecs <= 0)
        {
            return new Result(doc, null, null, null, null, null);
        }

        var duration = analysis.DurationSecs;
        double? intensity = analysis.IntensityFactor is { } factor ? Math.Round(factor * 100, 2) : null;
        int? joules = Number(doc["average_watts"]) is { } avgWatts ? (int)Math.Round(avgWatts * duration) : null;
        return new Result(
            doc,
            duration,
            Math.Round(analysis.DistanceMeters, 1),
            analysis.EstimatedLoad is { } load ? (int)Math.Round(load) : null,
            intensity,
            joules);
    }

    /// <summary>A JSON number whatever CLR type backs it (int-backed values fail <c>TryGetValue&lt;double&gt;</c>).</summary>
    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
