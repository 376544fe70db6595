using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Sandbox;

/// <summary>
/// One day's wellness record (camelCase on the wire, as the real API). <see cref="Ctl"/>/<see cref="Atl"/> are
/// TSS/day; <see cref="Hrv"/> is rMSSD in ms; <see cref="SleepSecs"/> seconds; <see cref="Weight"/> kg.
/// Subjective scales: soreness/fatigue/stress 1 (low) … 4 (extreme); mood/motivation 1 (excellent) … 4 (poor).
/// </summary>
public sealed record SandboxWellness
{
    /// <summary>The local date of the record.</summary>
    [JsonPropertyName("id")] public DateOnly Id { get; init; }
    [JsonPropertyName("ctl")] public double? Ctl { get; init; }
    [JsonPropertyName("atl")] public double? Atl { get; init; }
    /// <summary>CTL change over the last 7 days.</summary>
    [JsonPropertyName("rampRate")] public double? RampRate { get; init; }
    [JsonPropertyName("ctlLoad")] public double? CtlLoad { get; init; }
    [JsonPropertyName("atlLoad")] public double? AtlLoad { get; init; }
    [JsonPropertyName("sportInfo")] public IReadOnlyList<SandboxSportInfo>? SportInfo { get; init; }
    [JsonPropertyName("updated")] public DateTimeOffset? Updated { get; init; }
    [JsonPropertyName("weight")] public double? Weight { get; init; }
    [JsonPropertyName("restingHR")] public int? RestingHr { get; init; }
    [JsonPropertyName("hrv")] public double? Hrv { get; init; }
    [JsonPropertyName("hrvSDNN")] public double? HrvSdnn { get; init; }
    [JsonPropertyName("menstrualPhase")] public string? MenstrualPhase { get; init; }
    [JsonPropertyName("menstrualPhasePredicted")] public string? MenstrualPhasePredicted { get; init; }
    [JsonPropertyName("kcalConsumed")] public int? KcalConsumed { get; init; }
    [JsonPropertyName("sleepSecs")] public int? SleepSecs { get; init; }
    [JsonPropertyName("sleepScore")] public double? SleepScore { get; init; }
    [JsonPropertyName("sleepQuality")] public int? SleepQuality { get; init; }
    [JsonPropertyName("avgSleepingHR")] public double? AvgSleepingHr { get; init; }
    [JsonPropertyName("soreness")] public int? Soreness { get; init; }
    [JsonPropertyName("fatigue")] public int? Fatigue { get; init; }
    [JsonPropertyName("stress")] public int? Stress { get; init; }
    [JsonPropertyName("mood")] public int? Mood { get; init; }
    [JsonPropertyName("motivation")] public int? Motivation { get; init; }
    [JsonPropertyName("injury")] public int? Injury { get; init; }
    [JsonPropertyName("spO2")] public double? SpO2 { get; init; }
    [JsonPropertyName("systolic")] public int? Systolic { get; init; }
    [JsonPropertyName("diastolic")] public int? Diastolic { get; init; }
    [JsonPropertyName("hydration")] public int? Hydration { get; init; }
    [JsonPropertyName("hydrationVolume")] public double? HydrationVolume { get; init; }
    [JsonPropertyName("readiness")] public double? Readiness { get; init; }
    [JsonPropertyName("baevskySI")] public double? BaevskySi { get; init; }
    [JsonPropertyName("bloodGlucose")] public double? BloodGlucose { get; init; }
    [JsonPropertyName("lactate")] public double? Lactate { get; init; }
    [JsonPropertyName("bodyFat")] public double? BodyFat { get; init; }
    [JsonPropertyName("abdomen")] public double? Abdomen { get; init; }
    [JsonPropertyName("vo2max")] public double? Vo2Max { get; init; }
    [JsonPropertyName("comments")] public string? Comments { get; init; }
    [JsonPropertyName("steps")] public int? Steps { get; init; }
    [JsonPropertyName("respiration")] public double? Respiration { get; init; }
    [JsonPropertyName("carbohydrates")] public double? Carbohydrates { get; init; }
    [JsonPropertyName("protein")] public double? Protein { get; init; }
    [JsonPropertyName("fatTotal")] public double? FatTotal { get; init; }
    [JsonPropertyName("locked")] public bool? Locked { get; init; }
    [JsonPropertyName("tempWeight")] public bool? TempWeight { get; init; }
    [JsonPropertyName("tempRestingHR")] public bool? TempRestingHr { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Estimated FTP per sport inside a wellness record.</summary>
public sealed record SandboxSportInfo(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("eftp")] double? Eftp,
    [property: JsonPropertyName("wPrime")] double? WPrime,
    [property: JsonPropertyName("pMax")] double? PMax);
