using System.Text.Json;

namespace IcuSync.Server.Tests.Tools.Period;

/// <summary>The period-tool tests' own steps (summary, fitness, wellness, events); the shared ones are in Infrastructure.</summary>
internal static class PeriodTestKit
{
    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static int? OptionalInt(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetInt32() : null;

    public static double? OptionalDouble(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetDouble() : null;
}
