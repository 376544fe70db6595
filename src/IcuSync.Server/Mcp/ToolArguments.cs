using System.Globalization;

namespace IcuSync.Server.Mcp;

/// <summary>An inclusive range of athlete-local dates.</summary>
public readonly record struct DateRange(DateOnly Start, DateOnly End)
{
    public int Days => End.DayNumber - Start.DayNumber + 1;

    public override string ToString() => $"{Format(Start)}..{Format(End)}";

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Validation of tool arguments, with errors that name the argument and the accepted form.</summary>
public static class ToolArguments
{
    /// <summary>Longest range for list tools (one row per item).</summary>
    public const int MaxListDays = 366;

    /// <summary>Longest range for summary tools (aggregates): ten years.</summary>
    public const int MaxSummaryDays = 3653;

    public static DateOnly? OptionalDate(string? value, string argument)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw ToolFailure.BadArgument(argument, "an ISO date YYYY-MM-DD, e.g. 2026-03-01", $"got '{Shorten(value)}'");
    }

    public static DateOnly RequiredDate(string? value, string argument) =>
        OptionalDate(value, argument) ?? throw ToolFailure.BadArgument(argument, "an ISO date YYYY-MM-DD, e.g. 2026-03-01", "it is missing");

    /// <summary>
    /// A date range that defaults to the <paramref name="defaultDays"/> days ending today (athlete-local),
    /// and refuses inverted or over-long ranges.
    /// </summary>
    public static DateRange Range(string? start, string? end, DateOnly today, int defaultDays, int maxDays, string startName = "start_date", string endName = "end_date")
    {
        var to = OptionalDate(end, endName);
        var from = OptionalDate(start, startName);
        var endDate = to ?? (from is { } f && f > today ? f.AddDays(defaultDays - 1) : today);
        var startDate = from ?? endDate.AddDays(-(defaultDays - 1));
        if (startDate > endDate)
        {
            throw ToolFailure.BadArgument(startName, $"a date on or before {endName}", $"{DateRange.Format(startDate)} is after {DateRange.Format(endDate)}");
        }

        var range = new DateRange(startDate, endDate);
        if (range.Days > maxDays)
        {
            throw ToolFailure.BadArgument(startName, $"a range of at most {maxDays} days", $"{range} spans {range.Days} days; split it into shorter ranges");
        }

        return range;
    }

    public static int Limit(int? value, int defaultValue, int max, string argument = "limit")
    {
        var limit = value ?? defaultValue;
        return limit is >= 1 && limit <= max
            ? limit
            : throw ToolFailure.BadArgument(argument, $"a whole number from 1 to {max}", $"got {limit}");
    }

    /// <summary>One of a fixed set of words (case-insensitive), or the default when empty.</summary>
    public static string Choice(string? value, string argument, string defaultValue, params string[] allowed)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultValue;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
        return match ?? throw ToolFailure.BadArgument(argument, "one of " + string.Join(", ", allowed), $"got '{Shorten(value)}'");
    }

    public static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <summary>
    /// Refuses text that holds control characters, the bidirectional overrides and isolates that can hide or reorder
    /// what a calendar shows (U+202A–U+202E, U+2066–U+2069), or U+FFFD (bytes that were not valid UTF-8). Tabs and
    /// line breaks are allowed when <paramref name="multiline"/>. Returns <paramref name="value"/> unchanged.
    /// </summary>
    public static string? PlainText(string? value, string argument, bool multiline)
    {
        if (value is null)
        {
            return null;
        }

        var line = 1;
        var column = 0;
        foreach (var c in value)
        {
            column++;
            if (c == '\n' && multiline)
            {
                line++;
                column = 0;
                continue;
            }

            if (IsHidden(c) && !(multiline && c is '\t' or '\r'))
            {
                var where = multiline
                    ? string.Create(CultureInfo.InvariantCulture, $"on line {line}, column {column}")
                    : string.Create(CultureInfo.InvariantCulture, $"at character {column}");
                throw ToolFailure.BadArgument(argument,
                    multiline ? "plain text; tabs and line breaks are fine, other control characters and direction overrides are not" : "plain one-line text",
                    string.Create(CultureInfo.InvariantCulture, $"it contains the character U+{(int)c:X4} ({Describe(c)}) {where}; remove it and try again"));
            }
        }

        return value;
    }

    // U+FFFD is what invalid UTF-8 bytes decode to: refusing it stops mangled text from being written silently.
    private static bool IsHidden(char c) =>
        char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\uFFFD';

    private static string Describe(char c) => c switch
    {
        '\0' => "NUL",
        '\u001B' => "escape",
        >= '\u202A' and <= '\u202E' => "a text-direction override",
        >= '\u2066' and <= '\u2069' => "a text-direction isolate",
        '\uFFFD' => "a replacement character: the text was not valid UTF-8",
        _ => "a control character",
    };
}
