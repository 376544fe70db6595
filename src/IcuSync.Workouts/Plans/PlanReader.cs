using System.Globalization;
using IcuSync.Workouts.Formatting;

namespace IcuSync.Workouts.Plans;

/// <summary>
/// Splits a plan text into weeks (<c>#WEEK 1</c>), days (<c>Monday, 0:45, Recovery Run</c> or <c>Wednesday, REST</c>) and
/// service blocks (<c>Weekly totals:</c>, <c>Key decisions:</c>, <c>What to track:</c>), and analyses each day's steps.
/// </summary>
internal static class PlanReader
{
    private static readonly string[] Days =
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"];

    private static readonly string[] ServiceHeaders = ["weekly totals", "weekly summary", "key decisions", "what to track"];

    public static WorkoutPlanAnalysis Analyze(string text, WorkoutContext context)
    {
        var weeks = new List<PlanWeek>();
        var errors = new List<RuleFinding>();
        var warnings = new List<RuleFinding>();
        var week = new WeekBuilder(0, 0);
        DayBuilder? day = null;
        var inTotals = false;
        var inService = false;

        var lineNo = 1;
        var pos = 0;
        while (pos <= text.Length)
        {
            var newline = text.IndexOf('\n', pos);
            var end = newline < 0 ? text.Length : newline;
            var line = text.AsSpan(pos, end - pos).TrimEnd('\r');
            var trimmed = line.Trim();

            if (TryWeekHeader(trimmed, out var number))
            {
                Finish(ref day, week, text, pos, context, errors, warnings);
                CloseWeek(week, weeks, warnings);
                week = new WeekBuilder(number, lineNo);
                inService = inTotals = false;
            }
            else if (TryDayLine(line, out var dayName, out var declared, out var declaredColumn, out var name, out var rest))
            {
                Finish(ref day, week, text, pos, context, errors, warnings);
                day = new DayBuilder(dayName, lineNo, name, declared, declaredColumn, rest, newline < 0 ? text.Length : newline + 1);
                inService = inTotals = false;
            }
            else if (IsServiceHeader(trimmed, out var totals))
            {
                Finish(ref day, week, text, pos, context, errors, warnings);
                inService = true;
                inTotals = totals;
            }
            else if (inService)
            {
                if (trimmed.IsEmpty)
                {
                    inService = inTotals = false;
                }
                else if (inTotals && TryTimeLine(line, out var weekDeclared, out var column))
                {
                    week.Declared = weekDeclared;
                    week.DeclaredAt = new SourceSpan(lineNo, column, 0);
                }
            }

            if (newline < 0)
            {
                Finish(ref day, week, text, text.Length, context, errors, warnings);
                break;
            }

            pos = newline + 1;
            lineNo++;
        }

        CloseWeek(week, weeks, warnings);
        errors.Sort(static (a, b) => a.Line.CompareTo(b.Line));
        warnings.Sort(static (a, b) => a.Line.CompareTo(b.Line));
        return new WorkoutPlanAnalysis(weeks, errors, warnings);
    }

    private static void Finish(ref DayBuilder? day, WeekBuilder week, string text, int bodyEnd, WorkoutContext context, List<RuleFinding> errors, List<RuleFinding> warnings)
    {
        if (day is null)
        {
            return;
        }

        var sport = SportOf(day.Name) ?? context.Sport;
        WorkoutAnalysis? analysis = null;
        if (!day.Rest)
        {
            var start = Math.Min(day.BodyStart, text.Length);
            var end = Math.Max(start, Math.Min(bodyEnd, text.Length));
            var body = text[start..end];
            var dayContext = context with { Sport = sport, DeclaredDurationSecs = day.Declared };
            analysis = WorkoutText.Analyze(body, dayContext, day.Line + 1, new SourceSpan(day.Line, day.DeclaredColumn, 0));
            foreach (var finding in analysis.Errors)
            {
                errors.Add(finding.Line == 0 ? finding with { Line = day.Line, Column = 1 } : finding);
            }

            foreach (var finding in analysis.Warnings)
            {
                warnings.Add(finding.Line == 0 ? finding with { Line = day.Line, Column = 1 } : finding);
            }
        }

        week.Workouts.Add(new PlannedWorkout(week.Number, day.Day, day.Line, day.Name, day.Declared, sport, analysis));
        day = null;
    }

    private static void CloseWeek(WeekBuilder week, List<PlanWeek> weeks, List<RuleFinding> warnings)
    {
        if (week.Workouts.Count == 0 && week.Line == 0)
        {
            return;
        }

        var total = (int)Math.Min(week.Workouts.Sum(static w => (long)(w.Analysis?.DurationSecs ?? 0)), int.MaxValue);
        if (week.Declared is { } declared && Math.Abs(declared - total) >= 60)
        {
            var declaredClock = WorkoutFormatter.FormatClock(declared);
            var totalClock = WorkoutFormatter.FormatClock(total);
            warnings.Add(new RuleFinding(
                RuleCodes.DeclaredDurationMismatch,
                RuleSeverity.Warning,
                week.DeclaredAt.Line,
                week.DeclaredAt.Column,
                string.Create(CultureInfo.InvariantCulture, $"Week {week.Number} declares {declaredClock} but its workouts add up to {totalClock}."),
                string.Create(CultureInfo.InvariantCulture, $"Change the weekly Time to {totalClock}, or adjust the days so they add up to {declaredClock}.")));
        }

        weeks.Add(new PlanWeek(week.Number, week.Line, week.Workouts, total, week.Declared));
    }

    private static bool TryWeekHeader(ReadOnlySpan<char> line, out int number)
    {
        number = 0;
        var rest = line.TrimStart('#').TrimStart();
        if (!rest.StartsWith("week", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        rest = rest[4..].TrimStart();
        var digits = 0;
        while (digits < rest.Length && digits < 4 && char.IsAsciiDigit(rest[digits]))
        {
            digits++;
        }

        return digits > 0 && int.TryParse(rest[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    private static bool TryDayLine(ReadOnlySpan<char> line, out string day, out int? declared, out int declaredColumn, out string? name, out bool rest)
    {
        day = "";
        declared = null;
        declaredColumn = 0;
        name = null;
        rest = false;
        var start = 0;
        while (start < line.Length && Lexicon.IsBlank(line[start]))
        {
            start++;
        }

        var wordEnd = start;
        while (wordEnd < line.Length && char.IsAsciiLetter(line[wordEnd]))
        {
            wordEnd++;
        }

        var word = line[start..wordEnd];
        if (word.IsEmpty || !IsDay(word) || wordEnd >= line.Length || line[wordEnd] is not (',' or ':'))
        {
            return false;
        }

        day = word.ToString();
        var cursor = wordEnd + 1;
        while (cursor < line.Length && Lexicon.IsBlank(line[cursor]))
        {
            cursor++;
        }

        var partEnd = line[cursor..].IndexOf(',');
        var part = (partEnd < 0 ? line[cursor..] : line.Slice(cursor, partEnd)).Trim();
        var remainder = partEnd < 0 ? ReadOnlySpan<char>.Empty : line[(cursor + partEnd + 1)..].Trim();
        if (part.StartsWith("rest", StringComparison.OrdinalIgnoreCase) || part.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            rest = true;
            name = remainder.IsEmpty ? null : remainder.ToString();
            return true;
        }

        declaredColumn = cursor + 1;
        if (Lexicon.TryParseColonTime(part, out var hours, out var minutes, out var seconds))
        {
            declared = (hours * 3600) + (minutes * 60) + Math.Max(seconds, 0);
        }
        else if (Lexicon.TryParseTime(part, out var total, out _, out _))
        {
            declared = (int)Math.Round(total);
        }
        else
        {
            // "Monday, Recovery Run": no duration, the whole rest is the name.
            declaredColumn = 0;
            remainder = line[cursor..].Trim();
        }

        name = remainder.IsEmpty ? null : remainder.ToString();
        return true;
    }

    private static bool IsDay(ReadOnlySpan<char> word)
    {
        foreach (var d in Days)
        {
            if (word.Equals(d, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsServiceHeader(ReadOnlySpan<char> line, out bool totals)
    {
        totals = false;
        if (line.IsEmpty || line[^1] != ':')
        {
            return false;
        }

        var head = line[..^1].Trim();
        foreach (var header in ServiceHeaders)
        {
            if (head.Equals(header, StringComparison.OrdinalIgnoreCase))
            {
                totals = header == "weekly totals" || header == "weekly summary";
                return true;
            }
        }

        return false;
    }

    private static bool TryTimeLine(ReadOnlySpan<char> line, out int seconds, out int column)
    {
        seconds = 0;
        column = 0;
        var index = line.IndexOf("time:", StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return false;
        }

        var after = index + 5;
        while (after < line.Length && Lexicon.IsBlank(line[after]))
        {
            after++;
        }

        var tokenEnd = after;
        while (tokenEnd < line.Length && !Lexicon.IsBlank(line[tokenEnd]))
        {
            tokenEnd++;
        }

        column = after + 1;
        if (!Lexicon.TryParseColonTime(line[after..tokenEnd], out var hours, out var minutes, out var secs))
        {
            return false;
        }

        seconds = (hours * 3600) + (minutes * 60) + Math.Max(secs, 0);
        return true;
    }

    /// <summary>The sport a workout name names, if any (<c>Recovery Run</c> → Run).</summary>
    internal static string? SportOf(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        foreach (var word in name.Split([' ', '+', '/', ',', '-', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            var sport = word.ToUpperInvariant() switch
            {
                "RUN" or "RUNNING" or "JOG" or "STRIDES" => "Run",
                "RIDE" or "BIKE" or "CYCLING" or "TURBO" or "ZWIFT" => "Ride",
                "SWIM" or "SWIMMING" => "Swim",
                "WALK" or "WALKING" => "Walk",
                "HIKE" or "HIKING" => "Hike",
                "STRENGTH" or "GYM" or "WEIGHTS" => "WeightTraining",
                _ => null,
            };
            if (sport is not null)
            {
                return sport;
            }
        }

        return null;
    }

    private sealed class WeekBuilder(int number, int line)
    {
        public int Number { get; } = number;

        public int Line { get; } = line;

        public List<PlannedWorkout> Workouts { get; } = [];

        public int? Declared { get; set; }

        public SourceSpan DeclaredAt { get; set; }
    }

    private sealed record DayBuilder(string Day, int Line, string? Name, int? Declared, int DeclaredColumn, bool Rest, int BodyStart);
}
