using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Mcp;

/// <summary>
/// The prompts of the intents profile. Like the resources, they are listed and served on the intents profile only.
/// </summary>
public static class McpPrompts
{
    /// <summary>Registers <see cref="IntentPrompts"/> and limits them to the intents profile.</summary>
    public static IMcpServerBuilder WithIntentPrompts(this IMcpServerBuilder builder) =>
        builder
            .WithPrompts<IntentPrompts>()
            .WithRequestFilters(filters =>
            {
                filters.AddListPromptsFilter(next => async (context, cancellationToken) =>
                {
                    var result = await next(context, cancellationToken);
                    if (!McpResources.OnIntentsProfile(context.Services))
                    {
                        result.Prompts = [];
                    }

                    return result;
                });
                filters.AddGetPromptFilter(next => async (context, cancellationToken) =>
                {
                    if (!McpResources.OnIntentsProfile(context.Services))
                    {
                        throw new McpProtocolException(
                            $"Prompt '{context.Params?.Name}' is served on the intents profile only: connect with /mcp/{{token}}?profile=intents.",
                            McpErrorCode.InvalidParams);
                    }

                    return await next(context, cancellationToken);
                });
            });
}

/// <summary>
/// Message templates for the common asks. Each names the intents to call, in the tiers of data collection, and keeps
/// the rule that nothing is written to the calendar without a dry run and the user's approval.
/// </summary>
[McpServerPromptType]
public sealed class IntentPrompts
{
    [McpServerPrompt(Name = "weekly_plan", Title = "Plan my next week")]
    [Description("Plan the coming training week from current fitness, recovery and the calendar.")]
    public static string WeeklyPlan(
        [Description("Training focus: aerobic_base, intensity, specific, taper or recovery (optional).")] string? focus = null,
        [Description("Most hours available this week, e.g. 8 (optional).")] string? max_hours = null)
    {
        var focusText = Clean(focus) is { } f ? $" with a {f} focus" : "";
        var hoursText = Clean(max_hours) is { } h ? $" and at most {h} hours" : "";
        return $"Plan my training for next week{focusText}{hoursText}.\n" +
            "1. Collect tier 1 data: manage_profile action=get (overview, zones, thresholds, metrics), analyze_training target_type=period " +
            "for the last 6 weeks, and assess_recovery period_days=14.\n" +
            "2. Check the week's calendar with analyze_training target_type=period for next week.\n" +
            "3. Write the plan as text first, in the #WEEK format (read intervals-icu://docs/workout-syntax), with weekly totals.\n" +
            "4. Only if I approve, put it on the calendar with plan_training (dry run first, then confirm).";
    }

    [McpServerPrompt(Name = "recovery_check", Title = "How recovered am I?")]
    [Description("Readiness today from sleep, resting HR, HRV and training stress balance.")]
    public static string RecoveryCheck(
        [Description("Days to look back, 7 to 30 (optional, default 14).")] string? period_days = null)
    {
        var days = int.TryParse(Clean(period_days), NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) && d is >= 7 and <= 30 ? d : 14;
        return $"How recovered am I today?\n" +
            $"1. Call assess_recovery period_days={days.ToString(CultureInfo.InvariantCulture)} and manage_profile action=get sections=[metrics].\n" +
            "2. Tell me my recovery state, red flags and readiness for easy, intensity, long and race days, citing the numbers.\n" +
            "3. If recovery is a priority, suggest how to change the next days; change nothing on the calendar unless I ask.";
    }

    [McpServerPrompt(Name = "analyse_last_workout", Title = "Analyse my last workout")]
    [Description("A detailed look at the most recent (or a given) session.")]
    public static string AnalyseLastWorkout(
        [Description("Date of the session, YYYY-MM-DD (optional, default the most recent).")] string? date = null)
    {
        var which = Clean(date) is { } day ? $"my workout on {day}" : "my most recent workout";
        return $"Analyse {which}.\n" +
            "1. Find it with analyze_training target_type=period for the last 7 days (it lists activity ids and the planned workouts).\n" +
            "2. Call analyze_training target_type=single with that activity and analysis_type=detailed; use intervals only for a structured session.\n" +
            "3. Compare it with what was planned, explain pacing, decoupling and load, and say what to keep or change. Mark anything the data does not show as unavailable.";
    }

    [McpServerPrompt(Name = "why_am_i_not_improving", Title = "Why am I not improving?")]
    [Description("Looks for a fitness plateau and ranks likely causes: volume, intensity distribution, recovery.")]
    public static string WhyNotImproving(
        [Description("Weeks to examine, 4 to 24 (optional, default 12).")] string? period_weeks = null)
    {
        var weeks = int.TryParse(Clean(period_weeks), NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) && w is >= 4 and <= 24 ? w : 12;
        var text = weeks.ToString(CultureInfo.InvariantCulture);
        return $"Why am I not improving?\n" +
            $"1. Call track_progress period_weeks={text} hypothesis_mode=true, then assess_recovery period_days=14.\n" +
            "2. Call compare_periods for the last 4 weeks against the 4 before, and manage_profile action=get sections=[thresholds, metrics].\n" +
            "3. Rank the hypotheses (volume, intensity distribution, recovery) with their evidence and confidence, and propose one change for the next block. Do not touch the calendar unless I ask.";
    }

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var line = value.Trim().ReplaceLineEndings(" ");
        return line.Length <= 40 ? line : line[..40];
    }
}
