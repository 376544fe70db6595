using System.Globalization;

namespace IcuSync.Workouts;

/// <summary>A whitespace-separated token: offsets into the parsed text.</summary>
internal readonly record struct Token(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>The shape of one side of a target (<c>95%</c>, <c>Z2</c>, <c>CZ1</c>, <c>7:15/km</c>).</summary>
internal enum AtomKind
{
    Number,
    Zone,
    Pace,
}

internal enum AtomSuffix
{
    None,
    Percent,
    Watts,
    Rpm,
    PaceUnit,
}

internal struct Atom
{
    public AtomKind Kind;
    public double Value;
    public AtomSuffix Suffix;
    public bool Custom;
    public PaceDistance PaceDistance;

    /// <summary>Offset (relative to the token) just after the number, before any suffix.</summary>
    public int NumberEnd;
}

/// <summary>Recognisers for the words of Workout Builder text. They work on spans and never allocate.</summary>
internal static class Lexicon
{
    /// <summary>Lengths longer than this (about 3 years) are not read as lengths: they are noise, and they keep totals in range.</summary>
    public const double MaxSeconds = 100_000_000;

    public const double MaxMeters = 100_000_000;

    public static bool IsBlank(char c) => c is ' ' or '\t' || (c > 127 && char.IsWhiteSpace(c));

    /// <summary>Splits a range of <paramref name="text"/> into tokens; a trailing comma or semicolon becomes its own token.</summary>
    /// <returns>The token count, or -1 when <paramref name="tokens"/> is too small.</returns>
    public static int Tokenize(string text, int start, int end, Span<Token> tokens)
    {
        var count = 0;
        var i = start;
        while (i < end)
        {
            while (i < end && IsBlank(text[i]))
            {
                i++;
            }

            if (i >= end)
            {
                break;
            }

            var tokenStart = i;
            while (i < end && !IsBlank(text[i]))
            {
                i++;
            }

            if (i - tokenStart > 1 && text[i - 1] is ',' or ';')
            {
                if (count + 2 > tokens.Length)
                {
                    return -1;
                }

                tokens[count++] = new Token(tokenStart, i - 1 - tokenStart);
                tokens[count++] = new Token(i - 1, 1);
            }
            else
            {
                if (count + 1 > tokens.Length)
                {
                    return -1;
                }

                tokens[count++] = new Token(tokenStart, i - tokenStart);
            }
        }

        return count;
    }

    public static bool TryReadNumber(ReadOnlySpan<char> s, ref int pos, out double value)
    {
        var start = pos;
        long whole = 0;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
        {
            whole = (whole * 10) + (s[pos] - '0');
            pos++;
            if (pos - start > 15)
            {
                pos = start;
                value = 0;
                return false;
            }
        }

        var fraction = false;
        if (pos < s.Length - 1 && s[pos] == '.' && char.IsAsciiDigit(s[pos + 1]))
        {
            fraction = true;
            pos++;
            while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            {
                pos++;
            }
        }

        if (pos == start || pos - start > 15)
        {
            pos = start;
            value = 0;
            return false;
        }

        // Whole numbers (nearly every number in a workout) are exact as longs; decimals go through the BCL for correct rounding.
        value = fraction ? double.Parse(s[start..pos], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : whole;
        return true;
    }

    /// <summary>Reads a duration such as <c>30s</c>, <c>1h30m59s</c>, <c>1m30</c>, <c>5'</c>, <c>1'30"</c>, and the faulty
    /// <c>10min</c>/<c>2hrs</c> (<paramref name="unitWord"/> true).</summary>
    /// <param name="s">The token.</param>
    /// <param name="seconds">The duration in seconds.</param>
    /// <param name="unitWord">True when a unit was spelled as a word (rule W001).</param>
    /// <param name="bareMinutes">The value when the token is a single whole number of <c>m</c> (for rule W003), else 0.</param>
    public static bool TryParseTime(ReadOnlySpan<char> s, out double seconds, out bool unitWord, out double bareMinutes)
    {
        seconds = 0;
        unitWord = false;
        bareMinutes = 0;
        var pos = 0;
        var lastRank = 4;
        var components = 0;
        var lastUnitWasPlainM = false;
        double firstValue = 0;
        while (pos < s.Length)
        {
            if (!TryReadNumber(s, ref pos, out var value))
            {
                return false;
            }

            if (components == 0)
            {
                firstValue = value;
            }

            var rest = s[pos..];
            int rank;
            int unitLength;
            var word = false;
            if (rest.IsEmpty)
            {
                // A trailing bare number after minutes is seconds (1m30, 1'30); after hours it is minutes (1h30).
                if (components == 0 || lastRank is not (2 or 3))
                {
                    return false;
                }

                rank = lastRank - 1;
                unitLength = 0;
            }
            else if (!TryReadTimeUnit(rest, out rank, out unitLength, out word))
            {
                return false;
            }

            if (rank >= lastRank)
            {
                return false;
            }

            lastUnitWasPlainM = unitLength == 1 && (rest[0] is 'm' or 'M');
            unitWord |= word;
            seconds += value * rank switch { 3 => 3600, 2 => 60, _ => 1 };
            lastRank = rank;
            pos += unitLength;
            components++;
        }

        if (components == 0 || seconds > MaxSeconds)
        {
            return false;
        }

        if (components == 1 && lastUnitWasPlainM && firstValue == Math.Floor(firstValue))
        {
            bareMinutes = firstValue;
        }

        return true;
    }

    private static bool TryReadTimeUnit(ReadOnlySpan<char> rest, out int rank, out int length, out bool word)
    {
        word = true;
        if (rest.Length > 1 && char.IsAsciiLetter(rest[1]) && TryMatchUnitWord(rest, out rank, out length))
        {
            return true;
        }

        word = false;
        length = 1;
        switch (rest[0])
        {
            case 'h' or 'H':
                rank = 3;
                return true;
            case 'm' or 'M':
                rank = 2;

                // "mi", "mtr" and "meters" are distances, not minutes.
                return rest.Length == 1 || char.IsAsciiDigit(rest[1]);
            case '\'' or '’':
                rank = 2;
                return true;
            case 's' or 'S':
                rank = 1;
                return true;
            case '"' or '”':
                rank = 1;
                return true;
            default:
                rank = 0;
                return false;
        }
    }

    private static readonly string[] HourWords = ["hours", "hour", "hrs", "hr"];
    private static readonly string[] MinuteWords = ["minutes", "minute", "mins", "min"];
    private static readonly string[] SecondWords = ["seconds", "second", "secs", "sec"];

    private static bool TryMatchUnitWord(ReadOnlySpan<char> rest, out int rank, out int length)
    {
        if (TryPrefix(rest, HourWords, out length))
        {
            rank = 3;
            return true;
        }

        if (TryPrefix(rest, MinuteWords, out length))
        {
            rank = 2;
            return true;
        }

        if (TryPrefix(rest, SecondWords, out length))
        {
            rank = 1;
            return true;
        }

        rank = 0;
        return false;
    }

    private static bool TryPrefix(ReadOnlySpan<char> rest, string[] words, out int length)
    {
        foreach (var w in words)
        {
            if (rest.StartsWith(w, StringComparison.OrdinalIgnoreCase)
                && (rest.Length == w.Length || char.IsAsciiDigit(rest[w.Length])))
            {
                length = w.Length;
                return true;
            }
        }

        length = 0;
        return false;
    }

    /// <summary>A unit written as a separate word after a number (<c>10 min</c>): returns its rank (3 h, 2 m, 1 s).</summary>
    public static int SeparateTimeUnitRank(ReadOnlySpan<char> s)
    {
        if (s.Equals("h", StringComparison.OrdinalIgnoreCase))
        {
            return 3;
        }

        if (s.Equals("m", StringComparison.OrdinalIgnoreCase))
        {
            return 2;
        }

        if (s.Equals("s", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        return TryMatchUnitWord(s, out var rank, out var length) && length == s.Length ? rank : 0;
    }

    /// <summary>Reads a distance such as <c>2km</c>, <c>0.4km</c>, <c>1mi</c>, <c>400mtr</c>, <c>400meters</c>, <c>100yrd</c>, <c>100y</c>.</summary>
    public static bool TryParseDistance(ReadOnlySpan<char> s, out double value, out DistanceUnit unit)
    {
        unit = DistanceUnit.Meters;
        var pos = 0;
        if (!TryReadNumber(s, ref pos, out value))
        {
            return false;
        }

        var rest = s[pos..];
        if (rest.Equals("km", StringComparison.OrdinalIgnoreCase))
        {
            unit = DistanceUnit.Kilometers;
        }
        else if (rest.Equals("mi", StringComparison.OrdinalIgnoreCase))
        {
            unit = DistanceUnit.Miles;
        }
        else if (rest.Equals("mtr", StringComparison.OrdinalIgnoreCase) || rest.Equals("meters", StringComparison.OrdinalIgnoreCase))
        {
            unit = DistanceUnit.Meters;
        }
        else if (rest.Equals("yrd", StringComparison.OrdinalIgnoreCase) || rest.Equals("y", StringComparison.OrdinalIgnoreCase))
        {
            unit = DistanceUnit.Yards;
        }
        else
        {
            return false;
        }

        return value * StepLength.MetersPer(unit) <= MaxMeters;
    }

    /// <summary>Reads <c>M:SS</c> or <c>H:MM:SS</c> as a whole token.</summary>
    /// <param name="s">The token.</param>
    /// <param name="first">The first number.</param>
    /// <param name="second">The second number.</param>
    /// <param name="third">The third number, or -1 when there are two parts.</param>
    public static bool TryParseColonTime(ReadOnlySpan<char> s, out int first, out int second, out int third)
    {
        first = second = third = -1;
        var pos = 0;
        if (!TryReadDigits(s, ref pos, 1, 3, out first) || pos >= s.Length || s[pos] != ':')
        {
            return false;
        }

        pos++;
        if (!TryReadDigits(s, ref pos, 2, 2, out second))
        {
            return false;
        }

        if (pos == s.Length)
        {
            return true;
        }

        if (s[pos] != ':')
        {
            return false;
        }

        pos++;
        return TryReadDigits(s, ref pos, 2, 2, out third) && pos == s.Length;
    }

    private static bool TryReadDigits(ReadOnlySpan<char> s, ref int pos, int min, int max, out int value)
    {
        value = 0;
        var start = pos;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]) && pos - start < max)
        {
            value = (value * 10) + (s[pos] - '0');
            pos++;
        }

        return pos - start >= min && (pos == s.Length || !char.IsAsciiDigit(s[pos]));
    }

    /// <summary>Reads a repeat count such as <c>5x</c>.</summary>
    public static bool TryParseRepeat(ReadOnlySpan<char> s, out int count)
    {
        count = 0;
        if (s.Length < 2 || s.Length > 5 || s[^1] is not ('x' or 'X' or '×'))
        {
            return false;
        }

        foreach (var c in s[..^1])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            count = (count * 10) + (c - '0');
        }

        return count > 0;
    }

    /// <summary>True for a sets-by-reps token such as <c>3x10</c> (digits only on both sides, so <c>3x30s</c> is not one).</summary>
    public static bool IsSetsByReps(ReadOnlySpan<char> s)
    {
        var x = s.IndexOfAny('x', 'X', '×');
        return x > 0 && x < s.Length - 1 && !s[..x].ContainsAnyExceptInRange('0', '9') && !s[(x + 1)..].ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>Reads the <c>N^</c> marker of a timed prompt; <paramref name="textStart"/> is where attached text begins.</summary>
    public static bool TryParsePromptMarker(ReadOnlySpan<char> s, out int seconds, out int textStart)
    {
        seconds = 0;
        textStart = 0;
        var i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && i < 6)
        {
            seconds = (seconds * 10) + (s[i] - '0');
            i++;
        }

        if (i == 0 || i >= s.Length || s[i] != '^')
        {
            return false;
        }

        textStart = i + 1;
        return true;
    }

    public static bool IsRangeWord(ReadOnlySpan<char> s, out bool faulty)
    {
        faulty = false;
        if (s is "-")
        {
            return true;
        }

        faulty = true;
        return s is "–" or "—" or "−" || s.Equals("to", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsFaultyDash(char c) => c is '–' or '—' or '−';

    /// <summary>Reads a target token: one atom or two joined by a dash (<c>95-105%</c>, <c>Z1-Z2</c>, <c>7:15-7:00/km</c>).</summary>
    /// <param name="s">The token.</param>
    /// <param name="low">The first atom.</param>
    /// <param name="high">The second atom, when <paramref name="isRange"/>.</param>
    /// <param name="isRange">True for a range.</param>
    /// <param name="separatorAt">Offset of the separator in the token, or -1.</param>
    public static bool TryParseTargetToken(ReadOnlySpan<char> s, out Atom low, out Atom high, out bool isRange, out int separatorAt)
    {
        high = default;
        isRange = false;
        separatorAt = -1;
        var pos = 0;
        if (!TryReadAtom(s, ref pos, out low))
        {
            return false;
        }

        if (pos == s.Length)
        {
            return true;
        }

        if (s[pos] is not ('-' or '–' or '—' or '−'))
        {
            return false;
        }

        separatorAt = pos;
        pos++;
        if (!TryReadAtom(s, ref pos, out high) || pos != s.Length)
        {
            return false;
        }

        isRange = true;
        return Unify(ref low, ref high);
    }

    /// <summary>Makes both ends of a range agree on kind and suffix (<c>95-105%</c> puts % on both).</summary>
    public static bool Unify(ref Atom low, ref Atom high)
    {
        if (low.Kind != high.Kind || low.Custom != high.Custom)
        {
            return false;
        }

        if (low.Suffix == AtomSuffix.None)
        {
            low.Suffix = high.Suffix;
            low.PaceDistance = high.PaceDistance;
        }
        else if (high.Suffix == AtomSuffix.None)
        {
            high.Suffix = low.Suffix;
            high.PaceDistance = low.PaceDistance;
        }

        return low.Suffix == high.Suffix && low.PaceDistance == high.PaceDistance;
    }

    public static bool TryReadAtom(ReadOnlySpan<char> s, ref int pos, out Atom atom)
    {
        atom = default;
        if (pos >= s.Length)
        {
            return false;
        }

        var c = s[pos];
        if (c is 'Z' or 'z' or 'C' or 'c')
        {
            var i = pos;
            if (c is 'C' or 'c')
            {
                atom.Custom = true;
                i++;
                if (i >= s.Length || s[i] is not ('Z' or 'z'))
                {
                    return false;
                }
            }

            i++;
            var digits = 0;
            var zone = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]) && digits < 2)
            {
                zone = (zone * 10) + (s[i] - '0');
                i++;
                digits++;
            }

            if (digits == 0 || zone == 0 || (i < s.Length && char.IsAsciiDigit(s[i])))
            {
                return false;
            }

            atom.Kind = AtomKind.Zone;
            atom.Value = zone;
            atom.NumberEnd = i;
            pos = i;
            return true;
        }

        var start = pos;
        if (!TryReadNumber(s, ref pos, out var value))
        {
            return false;
        }

        if (pos < s.Length && s[pos] == ':')
        {
            // Pace m:ss or h:mm:ss, whole numbers only.
            pos = start;
            if (!TryReadDigits(s, ref pos, 1, 2, out var minutes) || pos >= s.Length || s[pos] != ':')
            {
                return false;
            }

            pos++;
            if (!TryReadDigits(s, ref pos, 2, 2, out var secs))
            {
                return false;
            }

            var total = (minutes * 60) + secs;
            if (pos < s.Length - 2 && s[pos] == ':' && char.IsAsciiDigit(s[pos + 1]))
            {
                pos++;
                if (!TryReadDigits(s, ref pos, 2, 2, out var more))
                {
                    return false;
                }

                total = (total * 60) + more;
            }

            atom.Kind = AtomKind.Pace;
            atom.Value = total;
            atom.NumberEnd = pos;
            if (pos < s.Length && s[pos] == '/')
            {
                var unitStart = pos + 1;
                var unitEnd = unitStart;
                while (unitEnd < s.Length && char.IsAsciiLetterOrDigit(s[unitEnd]))
                {
                    unitEnd++;
                }

                if (!TryPaceDistance(s[unitStart..unitEnd], out var distance))
                {
                    return false;
                }

                atom.Suffix = AtomSuffix.PaceUnit;
                atom.PaceDistance = distance;
                pos = unitEnd;
            }

            return true;
        }

        atom.Kind = AtomKind.Number;
        atom.Value = value;
        atom.NumberEnd = pos;
        if (pos < s.Length)
        {
            if (s[pos] == '%')
            {
                atom.Suffix = AtomSuffix.Percent;
                pos++;
            }
            else if (s[pos] is 'w' or 'W' && (pos + 1 == s.Length || !char.IsAsciiLetter(s[pos + 1])))
            {
                atom.Suffix = AtomSuffix.Watts;
                pos++;
            }
            else if (s[pos..].StartsWith("rpm", StringComparison.OrdinalIgnoreCase)
                && (pos + 3 == s.Length || !char.IsAsciiLetter(s[pos + 3])))
            {
                atom.Suffix = AtomSuffix.Rpm;
                pos += 3;
            }
        }

        return true;
    }

    public static bool TryPaceDistance(ReadOnlySpan<char> unit, out PaceDistance distance)
    {
        distance = unit switch
        {
            "km" or "KM" or "Km" => PaceDistance.Kilometer,
            "mi" or "MI" or "Mi" => PaceDistance.Mile,
            "100m" or "100M" => PaceDistance.Meters100,
            "100y" or "100Y" or "100yd" or "100yrd" => PaceDistance.Yards100,
            "500m" or "500M" => PaceDistance.Meters500,
            "400m" or "400M" => PaceDistance.Meters400,
            "250m" or "250M" => PaceDistance.Meters250,
            _ => PaceDistance.SportDefault,
        };
        return distance != PaceDistance.SportDefault;
    }

    public static bool IsWord(ReadOnlySpan<char> s, string word) => s.Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A word the parser reads as the unit of the target before it (<c>Z2 HR</c>, <c>80% LTHR</c>, <c>Z3 Pace</c>,
    /// <c>110% MMP</c>), so text that starts with one must not follow a target directly.
    /// </summary>
    public static bool IsTargetUnitWord(ReadOnlySpan<char> s) =>
        IsWord(s, "hr") || IsWord(s, "lthr") || IsWord(s, "pace") || IsWord(s, "mmp");
}
