using System.Text.Json;
using System.Text.Json.Nodes;
using IcuSync.Sandbox.Json;

namespace IcuSync.Sandbox.Data;

/// <summary>
/// Loads a dataset folder (layout in docs/sandbox.md): <c>athletes.json</c> (required), <c>activities.json</c>,
/// <c>wellness.json</c>, <c>events.json</c>, <c>gear.json</c>, <c>folders.json</c>, <c>coaching.json</c>,
/// <c>streams/&lt;activityId&gt;.json</c> and <c>intervals/&lt;activityId&gt;.json</c>. Files use the real API's JSON.
/// </summary>
internal static class DatasetLoader
{
    public static SandboxData Load(string path)
    {
        var folder = Path.GetFullPath(path);
        if (!Directory.Exists(folder))
        {
            throw new SandboxDatasetException($"Dataset folder '{folder}' does not exist. Pass a folder that holds athletes.json (see docs/sandbox.md).");
        }

        var athletesFile = Path.Combine(folder, "athletes.json");
        if (!File.Exists(athletesFile))
        {
            throw new SandboxDatasetException($"Dataset folder '{folder}' has no athletes.json. Export GET /api/v1/athlete/0 into a JSON array there (see docs/sandbox.md).");
        }

        var data = new SandboxData { DatasetPath = folder };
        foreach (var node in ReadArray(athletesFile))
        {
            var obj = (JsonObject)node.DeepClone();
            var settings = obj["sportSettings"] as JsonArray;
            var key = obj["icu_api_key"] is JsonValue k && k.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
            foreach (var drop in new[] { "sportSettings", "custom_items", "icu_api_key" })
            {
                obj.Remove(drop);
            }

            var athlete = Parse(obj, SandboxJson.Context.SandboxAthlete, athletesFile);
            data.Athletes.Add(athlete);
            data.ApiKeys[key ?? "sandbox-key-" + athlete.Id] = athlete.Id;
            data.SportSettings[athlete.Id] = settings is null
                ? []
                : [.. settings.OfType<JsonObject>().Select(x => Parse(x, SandboxJson.Context.SandboxSportSettings, athletesFile) with { AthleteId = athlete.Id })];
        }

        if (data.Athletes.Count == 0)
        {
            throw new SandboxDatasetException($"{athletesFile} holds no athletes; add at least one athlete object.");
        }

        var only = data.Athletes.Count == 1 ? data.Athletes[0].Id : null;
        var coachingFile = Path.Combine(folder, "coaching.json");
        if (File.Exists(coachingFile))
        {
            data.Coaching.AddRange(ReadArray(coachingFile).Select(n => Parse(n, SandboxJson.Context.SandboxCoaching, coachingFile)));
        }

        var activitiesFile = Path.Combine(folder, "activities.json");
        foreach (var node in ReadArrayIfExists(activitiesFile))
        {
            var obj = WithOwner(node, "icu_athlete_id", only, activitiesFile);
            obj.Remove("icu_intervals");
            obj.Remove("icu_groups");
            data.Activities.Add(Parse(obj, SandboxJson.Context.SandboxActivity, activitiesFile));
        }

        LoadWellness(Path.Combine(folder, "wellness.json"), only, data);

        var eventsFile = Path.Combine(folder, "events.json");
        data.Events.AddRange(ReadArrayIfExists(eventsFile).Select(n => Parse(WithOwner(n, "athlete_id", only, eventsFile), SandboxJson.Context.SandboxEvent, eventsFile)));

        var gearFile = Path.Combine(folder, "gear.json");
        data.Gear.AddRange(ReadArrayIfExists(gearFile).Select(n => Parse(WithOwner(n, "athlete_id", only, gearFile), SandboxJson.Context.SandboxGear, gearFile)));

        var foldersFile = Path.Combine(folder, "folders.json");
        foreach (var node in ReadArrayIfExists(foldersFile))
        {
            var obj = WithOwner(node, "athlete_id", only, foldersFile);
            var children = obj["children"] as JsonArray;
            obj.Remove("children");
            var f = Parse(obj, SandboxJson.Context.SandboxFolder, foldersFile);
            data.Folders.Add(f);
            foreach (var child in children?.OfType<JsonObject>() ?? [])
            {
                var w = Parse(child, SandboxJson.Context.SandboxWorkout, foldersFile);
                data.Workouts.Add(w with { FolderId = w.FolderId ?? f.Id, AthleteId = w.AthleteId ?? f.AthleteId });
            }
        }

        return data;
    }

    public static IReadOnlyList<SandboxStream> ReadStreams(string folder, string activityId)
    {
        var file = Path.Combine(folder, "streams", SafeName(activityId) + ".json");
        if (!File.Exists(file))
        {
            return [];
        }

        return [.. ReadArray(file).Select(n => Parse(n, SandboxJson.Context.SandboxStream, file))];
    }

    public static SandboxIntervals ReadIntervals(string folder, string activityId)
    {
        var file = Path.Combine(folder, "intervals", SafeName(activityId) + ".json");
        if (!File.Exists(file))
        {
            return new SandboxIntervals(activityId, [], []);
        }

        var root = ReadNode(file) as JsonObject ?? throw new SandboxDatasetException($"{file} must hold an IntervalsDTO object with icu_intervals and icu_groups.");
        var intervals = (root["icu_intervals"] as JsonArray)?.Select(n => Parse(n!, SandboxJson.Context.SandboxInterval, file)).ToList() ?? [];
        var groups = (root["icu_groups"] as JsonArray)?.Select(n => Parse(n!, SandboxJson.Context.SandboxIntervalGroup, file)).ToList() ?? [];
        return new SandboxIntervals(activityId, intervals, groups);
    }

    private static void LoadWellness(string file, string? only, SandboxData data)
    {
        foreach (var athlete in data.Athletes)
        {
            data.Wellness[athlete.Id] = [];
        }

        if (!File.Exists(file))
        {
            return;
        }

        var root = ReadNode(file);
        IEnumerable<(string? Owner, JsonNode Node)> records = root switch
        {
            JsonArray array => array.Where(n => n is not null).Select(n => ((n!["athlete_id"] as JsonValue)?.GetValue<string>() ?? only, n!)),
            JsonObject map => map.SelectMany(kv => (kv.Value as JsonArray ?? []).Where(n => n is not null).Select(n => ((string?)kv.Key, n!))),
            _ => throw new SandboxDatasetException($"{file} must be an array of wellness records or an object keyed by athlete id."),
        };
        foreach (var (owner, node) in records)
        {
            if (owner is null || !data.Wellness.TryGetValue(owner, out var list))
            {
                throw new SandboxDatasetException($"{file}: a wellness record has no known athlete. With several athletes, key the file by athlete id or add \"athlete_id\" to each record.");
            }

            var obj = (JsonObject)node.DeepClone();
            obj.Remove("athlete_id");
            list.Add(Parse(obj, SandboxJson.Context.SandboxWellness, file));
        }
    }

    private static JsonObject WithOwner(JsonNode node, string field, string? only, string file)
    {
        var obj = node as JsonObject ?? throw new SandboxDatasetException($"{file}: every entry must be a JSON object.");
        obj = (JsonObject)obj.DeepClone();
        if (obj[field] is null)
        {
            if (only is null)
            {
                throw new SandboxDatasetException($"{file}: an entry has no \"{field}\"; with several athletes every entry must name its athlete.");
            }

            obj[field] = only;
        }

        return obj;
    }

    private static T Parse<T>(JsonNode node, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string file)
    {
        try
        {
            return SandboxJson.FromNode(node, typeInfo);
        }
        catch (WireFormatException ex)
        {
            throw new SandboxDatasetException($"{file}: {ex.Message}");
        }
    }

    private static IEnumerable<JsonNode> ReadArrayIfExists(string file) => File.Exists(file) ? ReadArray(file) : [];

    private static IEnumerable<JsonNode> ReadArray(string file) =>
        (ReadNode(file) as JsonArray ?? throw new SandboxDatasetException($"{file} must hold a JSON array.")).Where(n => n is not null)!;

    private static JsonNode ReadNode(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })
                ?? throw new SandboxDatasetException($"{file} is empty; it must hold JSON.");
        }
        catch (JsonException ex)
        {
            throw new SandboxDatasetException($"{file} is not valid JSON: {ex.Message}");
        }
    }

    private static string SafeName(string activityId) =>
        activityId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || activityId.Contains("..", StringComparison.Ordinal) ? "_invalid_" : activityId;
}
