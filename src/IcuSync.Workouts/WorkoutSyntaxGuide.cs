using System.Reflection;

namespace IcuSync.Workouts;

/// <summary>The Workout Builder syntax reference and pre-submission checklist (docs/workout-syntax.md), embedded in the library
/// so the server can publish it as an MCP resource.</summary>
public static class WorkoutSyntaxGuide
{
    private const string ResourceName = "IcuSync.Workouts.workout-syntax.md";

    private static readonly Lazy<string> Text = new(Load);

    /// <summary>The guide as Markdown.</summary>
    public static string Markdown => Text.Value;

    /// <summary>A stable URI under which to publish the guide.</summary>
    public const string ResourceUri = "icusync://docs/workout-syntax";

    private static string Load()
    {
        using var stream = typeof(WorkoutSyntaxGuide).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(WorkoutSyntaxGuide).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
