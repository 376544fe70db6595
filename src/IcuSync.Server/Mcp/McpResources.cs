using System.ComponentModel;
using System.Text.Json;
using IcuSync.Server.Coaching;
using IcuSync.Server.Intents;
using IcuSync.Workouts;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Mcp;

/// <summary>
/// The resources of the intents profile. The SDK's request filters hide them from resources/list and refuse
/// resources/read on the classic profile, so classic connections see none (the capability is still advertised).
/// </summary>
public static class McpResources
{
    /// <summary>Registers <see cref="IntentResources"/> and limits them to the intents profile.</summary>
    public static IMcpServerBuilder WithIntentResources(this IMcpServerBuilder builder) =>
        builder
            .WithResources<IntentResources>()
            .WithRequestFilters(filters =>
            {
                filters.AddListResourcesFilter(next => async (context, cancellationToken) =>
                {
                    var result = await next(context, cancellationToken);
                    if (!OnIntentsProfile(context.Services))
                    {
                        result.Resources = [];
                    }

                    return result;
                });
                filters.AddListResourceTemplatesFilter(next => async (context, cancellationToken) =>
                {
                    var result = await next(context, cancellationToken);
                    if (!OnIntentsProfile(context.Services))
                    {
                        result.ResourceTemplates = [];
                    }

                    return result;
                });
                filters.AddReadResourceFilter(next => async (context, cancellationToken) =>
                {
                    if (!OnIntentsProfile(context.Services))
                    {
                        throw new McpProtocolException(
                            $"Resource '{context.Params?.Uri}' is served on the intents profile only: connect with /mcp/{{token}}?profile=intents.",
                            McpErrorCode.ResourceNotFound);
                    }

                    return await next(context, cancellationToken);
                });
            });

    internal static bool OnIntentsProfile(IServiceProvider? services) =>
        services?.GetService<ICallerContext>()?.Profile == ToolProfiles.Intents;
}

/// <summary>The athlete profile and the workout-syntax guide, as MCP resources.</summary>
[McpServerResourceType]
public sealed class IntentResources(ToolRuntime runtime, ProfileSections sections)
{
    public const string ProfileUri = "intervals-icu://athlete/profile";
    public const string WorkoutSyntaxUri = "intervals-icu://docs/workout-syntax";

    [McpServerResource(UriTemplate = ProfileUri, Name = "athlete_profile", Title = "Athlete profile", MimeType = "application/json")]
    [Description("The target athlete (the selected one, else yourself) as JSON: overview, thresholds (FTP, LTHR, AeT, threshold pace), " +
        "zones per sport and today's CTL/ATL/TSB. The same data as manage_profile action=get.")]
    public async Task<TextResourceContents> ReadProfileAsync(CancellationToken cancellationToken)
    {
        var scope = await runtime.ResolveAsync(ManageProfileIntent.Name, null, cancellationToken);
        var view = await ToolRuntime.GuardAsync(() => sections.GetAsync(scope, new HashSet<string>(ProfileSections.All, StringComparer.Ordinal), cancellationToken));
        var document = new AthleteProfileDocument(scope.Context, view.Overview, view.Thresholds, view.Zones, view.Metrics, view.Unavailable);
        return new TextResourceContents
        {
            Uri = ProfileUri,
            MimeType = "application/json",
            Text = JsonSerializer.Serialize(document, IcuJson.Options),
        };
    }

    [McpServerResource(UriTemplate = WorkoutSyntaxUri, Name = "workout_syntax", Title = "Workout Builder syntax and checklist", MimeType = "text/markdown")]
    [Description("How to write Intervals.icu workout text (durations, distances, targets, repeats, ramps) and the pre-submission checklist " +
        "with IcuSync's rule codes. Read it before modify_training or plan_training.")]
    public static TextResourceContents ReadWorkoutSyntax() => new()
    {
        Uri = WorkoutSyntaxUri,
        MimeType = "text/markdown",
        Text = WorkoutSyntaxGuide.Markdown,
    };
}

/// <summary>The athlete profile resource: whose profile and the local today, then the manage_profile sections.</summary>
public sealed record AthleteProfileDocument(
    ResultContext Context,
    ProfileOverview? Overview,
    IReadOnlyList<SportThresholdRow>? Thresholds,
    IReadOnlyList<SportZones>? Zones,
    ProfileMetrics? Metrics,
    IReadOnlyList<UnavailableField>? Unavailable);
