using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Intervals;

/// <summary>
/// One day's wellness record (<c>/api/v1/athlete/{id}/wellness…</c>), keyed by local date. Units: kg, bpm, ms (HRV),
/// seconds (sleep), %, mmHg, mmol/L, litres, kcal. Subjective scales: soreness/fatigue/stress 0–4 (higher is worse);
/// mood/motivation/sleep quality 1–4 (1 is best). <c>fatigue</c> here is subjective, not ATL. Form (TSB) = CTL − ATL.
/// When updating, set only the fields to change: null fields are not sent.
/// </summary>
[WireSchema("Wellness")]
public sealed record WellnessDto
{
    /// <summary>The local date of the record.</summary>
    [JsonPropertyName("id")] public DateOnly? Id { get; init; }

    /// <summary>Fitness (chronic training load) for the day.</summary>
    [JsonPropertyName("ctl")] public double? Ctl { get; init; }

    /// <summary>Fatigue (acute training load) for the day.</summary>
    [JsonPropertyName("atl")] public double? Atl { get; init; }

    /// <summary>Change in CTL (ramp rate).</summary>
    [JsonPropertyName("rampRate")] public double? RampRate { get; init; }

    /// <summary>Load used for CTL on this day.</summary>
    [JsonPropertyName("ctlLoad")] public double? CtlLoad { get; init; }

    /// <summary>Load used for ATL on this day.</summary>
    [JsonPropertyName("atlLoad")] public double? AtlLoad { get; init; }

    /// <summary>Estimated FTP etc. per sport; often null.</summary>
    [JsonPropertyName("sportInfo")] public IReadOnlyList<SportInfoDto>? SportInfo { get; init; }

    /// <summary>Body weight, kg.</summary>
    [JsonPropertyName("weight")] public double? Weight { get; init; }

    /// <summary>Resting heart rate, bpm.</summary>
    [JsonPropertyName("restingHR")] public int? RestingHr { get; init; }

    /// <summary>Heart-rate variability (rMSSD), ms.</summary>
    [JsonPropertyName("hrv")] public double? Hrv { get; init; }

    /// <summary>Heart-rate variability (SDNN), ms.</summary>
    [JsonPropertyName("hrvSDNN")] public double? HrvSdnn { get; init; }

    /// <summary>Average heart rate during sleep, bpm.</summary>
    [JsonPropertyName("avgSleepingHR")] public double? AverageSleepingHr { get; init; }

    /// <summary>Sleep duration, seconds.</summary>
    [JsonPropertyName("sleepSecs")] public int? SleepSecs { get; init; }

    /// <summary>Device sleep score, 0–100.</summary>
    [JsonPropertyName("sleepScore")] public double? SleepScore { get; init; }

    /// <summary>Sleep quality, 1 (excellent) … 4 (poor).</summary>
    [JsonPropertyName("sleepQuality")] public int? SleepQuality { get; init; }

    /// <summary>Soreness, 0 (none) … 4 (extreme).</summary>
    [JsonPropertyName("soreness")] public int? Soreness { get; init; }

    /// <summary>Subjective fatigue, 0 (none) … 4 (extreme). Not ATL.</summary>
    [JsonPropertyName("fatigue")] public int? Fatigue { get; init; }

    /// <summary>Stress, 0 (none) … 4 (extreme).</summary>
    [JsonPropertyName("stress")] public int? Stress { get; init; }

    /// <summary>Mood, 1 (excellent) … 4 (poor).</summary>
    [JsonPropertyName("mood")] public int? Mood { get; init; }

    /// <summary>Motivation, 1 (excellent) … 4 (poor).</summary>
    [JsonPropertyName("motivation")] public int? Motivation { get; init; }

    /// <summary>Injury, 1 (excellent) … 4 (injured).</summary>
    [JsonPropertyName("injury")] public int? Injury { get; init; }

    /// <summary>Hydration, 1 (well hydrated) … 4 (very dehydrated).</summary>
    [JsonPropertyName("hydration")] public int? Hydration { get; init; }

    /// <summary>Fluid intake, litres.</summary>
    [JsonPropertyName("hydrationVolume")] public double? HydrationVolume { get; init; }

    /// <summary>Device readiness score.</summary>
    [JsonPropertyName("readiness")] public double? Readiness { get; init; }

    /// <summary>Blood oxygen saturation, %.</summary>
    [JsonPropertyName("spO2")] public double? SpO2 { get; init; }

    /// <summary>Systolic blood pressure, mmHg.</summary>
    [JsonPropertyName("systolic")] public int? Systolic { get; init; }

    /// <summary>Diastolic blood pressure, mmHg.</summary>
    [JsonPropertyName("diastolic")] public int? Diastolic { get; init; }

    /// <summary>Respiration rate, breaths/min.</summary>
    [JsonPropertyName("respiration")] public double? Respiration { get; init; }

    /// <summary>Step count.</summary>
    [JsonPropertyName("steps")] public int? Steps { get; init; }

    /// <summary>Energy consumed, kcal.</summary>
    [JsonPropertyName("kcalConsumed")] public int? KcalConsumed { get; init; }

    /// <summary>Carbohydrate eaten, grams.</summary>
    [JsonPropertyName("carbohydrates")] public double? Carbohydrates { get; init; }

    /// <summary>Protein eaten, grams.</summary>
    [JsonPropertyName("protein")] public double? Protein { get; init; }

    /// <summary>Fat eaten, grams.</summary>
    [JsonPropertyName("fatTotal")] public double? FatTotal { get; init; }

    /// <summary>Body fat, %.</summary>
    [JsonPropertyName("bodyFat")] public double? BodyFat { get; init; }

    /// <summary>Abdomen circumference, cm.</summary>
    [JsonPropertyName("abdomen")] public double? Abdomen { get; init; }

    /// <summary>VO2max, ml/kg/min.</summary>
    [JsonPropertyName("vo2max")] public double? Vo2Max { get; init; }

    /// <summary>Blood glucose, mmol/L.</summary>
    [JsonPropertyName("bloodGlucose")] public double? BloodGlucose { get; init; }

    /// <summary>Blood lactate, mmol/L.</summary>
    [JsonPropertyName("lactate")] public double? Lactate { get; init; }

    /// <summary>Baevsky stress index.</summary>
    [JsonPropertyName("baevskySI")] public double? BaevskyStressIndex { get; init; }

    /// <summary>Menstrual phase: <c>PERIOD</c>, <c>FOLLICULAR</c>, <c>OVULATING</c>, <c>LUTEAL</c>, <c>NONE</c>.</summary>
    [JsonPropertyName("menstrualPhase")] public string? MenstrualPhase { get; init; }

    /// <summary>Predicted menstrual phase.</summary>
    [JsonPropertyName("menstrualPhasePredicted")] public string? MenstrualPhasePredicted { get; init; }

    /// <summary>Free-text comments.</summary>
    [JsonPropertyName("comments")] public string? Comments { get; init; }

    /// <summary>True when the record ignores updates from the API and integrations.</summary>
    [JsonPropertyName("locked")] public bool? Locked { get; init; }

    /// <summary>True when the weight was copied from athlete settings, not measured.</summary>
    [JsonPropertyName("tempWeight")] public bool? TempWeight { get; init; }

    /// <summary>True when resting HR was copied from athlete settings, not measured.</summary>
    [JsonPropertyName("tempRestingHR")] public bool? TempRestingHr { get; init; }

    /// <summary>When the record last changed.</summary>
    [JsonPropertyName("updated")] public DateTimeOffset? Updated { get; init; }

    /// <summary>Every other field Intervals.icu sent, including athlete-defined custom wellness fields.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}

/// <summary>Per-sport estimates on a wellness day: eFTP (W), W′ (J), Pmax (W).</summary>
[WireSchema("SportInfo")]
public sealed record SportInfoDto
{
    /// <summary>Sport.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Estimated FTP, watts.</summary>
    [JsonPropertyName("eftp")] public double? Eftp { get; init; }

    /// <summary>W′, joules.</summary>
    [JsonPropertyName("wPrime")] public double? WPrime { get; init; }

    /// <summary>Peak power, watts.</summary>
    [JsonPropertyName("pMax")] public double? PMax { get; init; }
}
