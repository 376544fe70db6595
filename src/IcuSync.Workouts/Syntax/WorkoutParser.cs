using System.Globalization;
using System.Text;

namespace IcuSync.Workouts;

/// <summary>
/// Reads Workout Builder text line by line into a <see cref="WorkoutSyntaxTree"/>. It never throws on input: every line
/// becomes a header, a step or a note, and lexical problems are recorded as <see cref="SyntaxFlaw"/>s for the checker.
/// </summary>
internal sealed class WorkoutParser
{
    /// <summary>A per-thread token buffer, so tokenising a line neither allocates nor clears memory.</summary>
    [ThreadStatic]
    private static Token[]? sharedTokens;

    private static readonly string[] RemarkWords =
        ["purpose", "focus", "why", "note", "notes", "goal", "tip", "tips", "rationale", "description", "cue"];

    private readonly string text;
    private readonly int firstLine;
    private List<SyntaxFlaw>? flaws;
    private List<WorkoutTarget>? targetBuffer;
    private readonly List<WorkoutLine> openLines = [];
    private int lineNo;
    private int lineStart;

    private WorkoutParser(string text, int firstLine)
    {
        this.text = text;
        this.firstLine = firstLine;
    }

    private int FlawCount => flaws?.Count ?? 0;

    public static WorkoutSyntaxTree Parse(string? text, int firstLine = 1)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new WorkoutSyntaxTree("", firstLine, [], null);
        }

        return new WorkoutParser(text, firstLine).Run();
    }

    private WorkoutSyntaxTree Run()
    {
        var blocks = new List<WorkoutBlock>();
        BlockBuilder? open = null;
        var previousBlank = true;
        lineNo = firstLine;
        var pos = 0;
        while (true)
        {
            var newline = text.IndexOf('\n', pos);
            var end = newline < 0 ? text.Length : newline;
            if (end > pos && text[end - 1] == '\r')
            {
                end--;
            }

            lineStart = pos;
            var content = pos;
            while (content < end && Lexicon.IsBlank(text[content]))
            {
                content++;
            }

            var trimmedEnd = end;
            while (trimmedEnd > content && Lexicon.IsBlank(text[trimmedEnd - 1]))
            {
                trimmedEnd--;
            }

            if (content == trimmedEnd)
            {
                if (open is not null && openLines.Count > 0)
                {
                    blocks.Add(Close(open, blankAfter: true));
                    open = null;
                }

                previousBlank = true;
            }
            else
            {
                var line = ReadLine(content, trimmedEnd, out var header);
                if (header is not null)
                {
                    if (open is not null)
                    {
                        blocks.Add(Close(open, blankAfter: previousBlank));
                    }

                    header.BlankBefore = previousBlank;
                    header.LastLine = lineNo;
                    open = header;
                }
                else
                {
                    open ??= new BlockBuilder { Kind = WorkoutBlockKind.Loose, BlankBefore = previousBlank };
                    openLines.Add(line!);
                    open.LastLine = lineNo;
                }

                previousBlank = false;
            }

            if (newline < 0)
            {
                break;
            }

            pos = newline + 1;
            lineNo++;
        }

        if (open is not null)
        {
            blocks.Add(Close(open, blankAfter: true));
        }

        return new WorkoutSyntaxTree(text, firstLine, blocks, flaws);
    }

    /// <summary>Closes the open block; its lines are copied out of the shared buffer into an exact-size array.</summary>
    private WorkoutBlock Close(BlockBuilder block, bool blankAfter)
    {
        WorkoutLine[] lines = openLines.Count == 0 ? [] : [.. openLines];
        openLines.Clear();
        return block.Build(lines, blankAfter);
    }

    private SourceSpan SpanOf(int start, int length) => new(lineNo, start - lineStart + 1, length);

    private SourceSpan SpanOf(Token token) => SpanOf(token.Start, token.Length);

    private SourceSpan SpanBetween(int start, int end) => SpanOf(start, end - start);

    private ReadOnlySpan<char> Chars(Token token) => text.AsSpan(token.Start, token.Length);

    private void AddFlaw(string code, SourceSpan span, string? replacement, string? detail = null, int reportColumn = 0)
    {
        flaws ??= [];
        flaws.Add(new SyntaxFlaw(code, span, replacement, detail, reportColumn));
    }

    private void DropFlawsFrom(int count)
    {
        if (flaws is not null && flaws.Count > count)
        {
            flaws.RemoveRange(count, flaws.Count - count);
        }
    }

    /// <summary>Classifies one non-blank line: returns a step or note, or sets <paramref name="header"/>.</summary>
    private WorkoutLine? ReadLine(int content, int end, out BlockBuilder? header)
    {
        header = null;
        var c = text[content];
        var lineSpan = SpanBetween(content, end);
        var next = content + 1 < end ? text[content + 1] : '\0';

        if (c == '-')
        {
            if (IsAll(content, end, '-') && end - content >= 3)
            {
                return Note(NoteKind.Markup, lineSpan);
            }

            if (end - content == 1)
            {
                return Note(NoteKind.Markup, lineSpan);
            }

            if (Lexicon.IsBlank(next))
            {
                var body = content + 1;
                while (body < end && Lexicon.IsBlank(text[body]))
                {
                    body++;
                }

                return ReadDashLine(content, body, end, lineSpan);
            }

            // "-10m 60%": a step whose dash lacks its space.
            var mark = FlawCount;
            var glued = ReadStepBody(body: content + 1, end, lineSpan, out _);
            if (glued.Length is not null && !StartsWithRemarkLabel(content + 1, end))
            {
                AddFlaw(RuleCodes.StepWithoutDash, SpanOf(content, 1), "- ");
                return glued;
            }

            DropFlawsFrom(mark);
            header = ReadHeader(content, end);
            return null;
        }

        if (c == '#')
        {
            var title = content;
            while (title < end && text[title] == '#')
            {
                title++;
            }

            while (title < end && Lexicon.IsBlank(text[title]))
            {
                title++;
            }

            AddFlaw(RuleCodes.MarkdownHeader, lineSpan, text[title..end]);
            return Note(NoteKind.MarkdownHeader, lineSpan);
        }

        if (c == '<')
        {
            return Note(NoteKind.Markup, lineSpan);
        }

        if (c is '*' or '•' or '+' && Lexicon.IsBlank(next))
        {
            var body = content + 1;
            while (body < end && Lexicon.IsBlank(text[body]))
            {
                body++;
            }

            var mark = FlawCount;
            var bullet = ReadStepBody(body, end, lineSpan, out _);
            if (bullet.Length is not null && !StartsWithRemarkLabel(body, end))
            {
                AddFlaw(RuleCodes.StepWithoutDash, SpanOf(content, 1), "-");
                return bullet;
            }

            DropFlawsFrom(mark);
            return Note(NoteKind.Markup, lineSpan);
        }

        if (c is '*' or '_' or '[' or '>' or '|' or '`' or '=' || (c == '!' && next == '['))
        {
            return Note(NoteKind.Markup, lineSpan);
        }

        if (text.AsSpan(content, end - content).IndexOfAnyInRange('0', '9') >= 0)
        {
            var mark = FlawCount;
            var step = ReadStepBody(content, end, lineSpan, out var lengthIndex);
            if (step.Length is not null && (lengthIndex == 0 || step.Targets.Count > 0 || step.Freeride) && !StartsWithRemarkLabel(content, end))
            {
                AddFlaw(RuleCodes.StepWithoutDash, SpanOf(content, 0), "- ");
                return step;
            }

            DropFlawsFrom(mark);
        }

        header = ReadHeader(content, end);
        return null;
    }

    private bool IsAll(int start, int end, char c)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] != c)
            {
                return false;
            }
        }

        return true;
    }

    private WorkoutNote Note(NoteKind kind, SourceSpan span) =>
        new() { Kind = kind, Text = text[lineStart..(lineStart + span.Column - 1 + span.Length)], Span = span };

    /// <summary>The first word of the text between two offsets, without Markdown emphasis.</summary>
    private ReadOnlySpan<char> FirstWord(int start, int end)
    {
        var wordEnd = start;
        while (wordEnd < end && !Lexicon.IsBlank(text[wordEnd]))
        {
            wordEnd++;
        }

        return text.AsSpan(start, wordEnd - start).Trim("*_");
    }

    /// <summary>True when the text starts with a remark label such as <c>Purpose:</c> or <c>Why:</c>: such a line is prose
    /// even when it mentions a duration.</summary>
    private bool StartsWithRemarkLabel(int start, int end)
    {
        var word = FirstWord(start, end);
        return word.Length > 1 && word[^1] == ':' && IsRemarkWord(word[..^1]);
    }

    private WorkoutLine ReadDashLine(int dash, int body, int end, SourceSpan lineSpan)
    {
        var mark = FlawCount;
        var step = ReadStepBody(body, end, lineSpan, out _);
        var indented = dash > lineStart;
        var firstWord = FirstWord(body, end);
        var labelled = firstWord.Length > 1 && firstWord[^1] == ':';
        if (labelled && IsRemarkWord(firstWord[..^1]))
        {
            DropFlawsFrom(mark);
            return Note(NoteKind.Remark, lineSpan);
        }

        if (step.Length is not null)
        {
            return step;
        }

        if (labelled || indented)
        {
            DropFlawsFrom(mark);
            return Note(NoteKind.Remark, lineSpan);
        }

        if (HasSetsByReps(body, end))
        {
            DropFlawsFrom(mark);
            return Note(NoteKind.Exercise, lineSpan);
        }

        return step;
    }

    private static bool IsRemarkWord(ReadOnlySpan<char> word)
    {
        foreach (var remark in RemarkWords)
        {
            if (word.Equals(remark, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasSetsByReps(int start, int end)
    {
        var i = start;
        while (i < end)
        {
            while (i < end && Lexicon.IsBlank(text[i]))
            {
                i++;
            }

            var tokenStart = i;
            while (i < end && !Lexicon.IsBlank(text[i]))
            {
                i++;
            }

            if (i > tokenStart && Lexicon.IsSetsByReps(text.AsSpan(tokenStart, i - tokenStart)))
            {
                return true;
            }
        }

        return false;
    }

    private BlockBuilder ReadHeader(int content, int end)
    {
        var tokens = Tokens(content, end);
        var repeats = 1L;
        var counts = 0;
        var titleTokens = 0;
        foreach (var token in tokens)
        {
            if (Lexicon.TryParseRepeat(Chars(token), out var count))
            {
                repeats = Math.Min(repeats * count, 9999);
                counts++;
            }
            else
            {
                titleTokens++;
            }
        }

        string? title = null;
        if (titleTokens > 0)
        {
            if (counts == 0)
            {
                title = JoinRaw(tokens[0].Start, tokens[^1].End);
            }
            else
            {
                // The title is the header without its counts; a split-off comma stays attached as written.
                var builder = new StringBuilder();
                var previousEnd = -1;
                foreach (var token in tokens)
                {
                    if (!Lexicon.TryParseRepeat(Chars(token), out _))
                    {
                        if (builder.Length > 0 && token.Start != previousEnd)
                        {
                            builder.Append(' ');
                        }

                        builder.Append(Chars(token));
                    }

                    previousEnd = token.End;
                }

                title = builder.ToString();
            }
        }

        var span = SpanBetween(content, end);
        var block = new BlockBuilder
        {
            Kind = counts > 0 ? WorkoutBlockKind.Repeat : WorkoutBlockKind.Section,
            Title = title,
            Repeats = (int)repeats,
            HeaderSpan = span,
            WrittenHeader = counts > 1 || (counts == 1 && !Lexicon.TryParseRepeat(Chars(tokens[^1]), out _)) ? JoinRaw(content, end) : null,
            HeaderWasCanonical = counts == 1 && Chars(tokens[^1]) is [not '0', .., 'x'] && Lexicon.TryParseRepeat(Chars(tokens[^1]), out _),
        };
        if (counts > 1)
        {
            var flattened = title is null
                ? string.Create(CultureInfo.InvariantCulture, $"{repeats}x")
                : string.Create(CultureInfo.InvariantCulture, $"{title} {repeats}x");
            AddFlaw(RuleCodes.NestedRepeats, span, flattened);
        }

        return block;
    }

    /// <summary>Tokenises a range into the shared buffer; the span is valid until the next call.</summary>
    private ReadOnlySpan<Token> Tokens(int start, int end)
    {
        var buffer = sharedTokens ??= new Token[64];
        var count = Lexicon.Tokenize(text, start, end, buffer);
        if (count < 0)
        {
            buffer = sharedTokens = new Token[Math.Max(buffer.Length * 2, end - start + 1)];
            count = Lexicon.Tokenize(text, start, end, buffer);
        }

        return buffer.AsSpan(0, count);
    }

    /// <summary>The raw text between two offsets with runs of blanks collapsed to one space.</summary>
    private string JoinRaw(int start, int end)
    {
        var needsCollapse = false;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (Lexicon.IsBlank(c) && (c != ' ' || (i + 1 < end && Lexicon.IsBlank(text[i + 1]))))
            {
                needsCollapse = true;
                break;
            }
        }

        if (!needsCollapse)
        {
            return text[start..end];
        }

        var builder = new StringBuilder(end - start);
        var lastBlank = false;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (Lexicon.IsBlank(c))
            {
                if (!lastBlank)
                {
                    builder.Append(' ');
                }

                lastBlank = true;
            }
            else
            {
                builder.Append(c);
                lastBlank = false;
            }
        }

        return builder.ToString();
    }

    /// <summary>Reads what follows the dash of a step: cue, timed prompts, length, targets, flags and a trailing note.</summary>
    private WorkoutStep ReadStepBody(int body, int end, SourceSpan lineSpan, out int lengthIndex)
    {
        var t = Tokens(body, end);
        var limit = t.Length;
        var pressLap = false;
        lengthIndex = -1;

        if (limit >= 2 && IsPressLap(t[limit - 2], t[limit - 1], out var exact))
        {
            pressLap = true;
            if (!exact)
            {
                AddFlaw(RuleCodes.PressLapCase, SpanBetween(t[limit - 2].Start, t[limit - 1].End), "Press lap");
            }

            limit -= 2;
        }

        var separator = -1;
        for (var i = 0; i < limit; i++)
        {
            if (Chars(t[i]) is "<!>")
            {
                separator = i;
                break;
            }
        }

        StepLength? length = null;
        var lengthTokens = 0;
        for (var i = separator + 1; i < limit; i++)
        {
            if (TryLengthAt(t, i, limit, out length, out lengthTokens))
            {
                lengthIndex = i;
                break;
            }
        }

        var cueEnd = lengthIndex >= 0 ? lengthIndex : limit;
        var cueStart = separator + 1;
        IReadOnlyList<TimedPrompt> prompts = [];
        if (separator >= 0)
        {
            prompts = ReadPrompts(t[..separator]);
        }
        else if (HasPromptMarker(t[..cueEnd]))
        {
            prompts = ReadPrompts(t[..cueEnd]);
            cueStart = cueEnd;
            var at = lengthIndex >= 0 ? SpanOf(t[lengthIndex].Start, 0) : SpanOf(t[0]);
            AddFlaw(RuleCodes.TimedPromptFormat, at, lengthIndex >= 0 ? "<!> " : null, "separator", t[0].Start - lineStart + 1);
        }

        if (prompts.Count > 0 && prompts[0].Text.Length == 0)
        {
            AddFlaw(RuleCodes.TimedPromptFormat, SpanOf(t[0].Start, 0), "Start ", "opening");
        }

        var cue = cueStart < cueEnd ? JoinRaw(t[cueStart].Start, t[cueEnd - 1].End) : null;
        if (lengthIndex < 0)
        {
            return new WorkoutStep { Cue = cue, Prompts = prompts, PressLap = pressLap, Span = lineSpan };
        }

        var freeride = false;
        var targets = targetBuffer ??= [];
        targets.Clear();
        var k = lengthIndex + lengthTokens;
        while (k < limit)
        {
            var token = Chars(t[k]);
            if (Lexicon.IsWord(token, "ramp"))
            {
                if (k + 1 < limit && TryTargetAt(t, k + 1, limit, ramp: true, out var ramped, out var used))
                {
                    if (token is not "ramp")
                    {
                        AddFlaw(RuleCodes.RampCapitalised, SpanOf(t[k]), "ramp");
                    }

                    targets.Add(ramped);
                    k += 1 + used;
                    continue;
                }

                break;
            }

            if (Lexicon.IsWord(token, "freeride"))
            {
                freeride = true;
                k++;
                continue;
            }

            if (Lexicon.IsWord(token, "free-ride"))
            {
                freeride = true;
                AddFlaw(RuleCodes.FreeRideSpelling, SpanOf(t[k]), "freeride");
                k++;
                continue;
            }

            if (k + 1 < limit && Lexicon.IsWord(token, "free") && Lexicon.IsWord(Chars(t[k + 1]), "ride"))
            {
                freeride = true;
                AddFlaw(RuleCodes.FreeRideSpelling, SpanBetween(t[k].Start, t[k + 1].End), "freeride");
                k += 2;
                continue;
            }

            if (k + 1 < limit && IsPressLap(t[k], t[k + 1], out var exactLap))
            {
                pressLap = true;
                if (!exactLap)
                {
                    AddFlaw(RuleCodes.PressLapCase, SpanBetween(t[k].Start, t[k + 1].End), "Press lap");
                }

                k += 2;
                continue;
            }

            if (TryTargetAt(t, k, limit, ramp: false, out var target, out var consumed))
            {
                targets.Add(target);
                k += consumed;
                continue;
            }

            // A bare m:ss after the duration is not a pace (no unit, no "Pace"): it is a colon duration in the step.
            if (Lexicon.TryParseColonTime(token, out var a, out var b, out var c))
            {
                var seconds = c < 0 ? (a * 60) + b : (a * 3600) + (b * 60) + c;
                AddFlaw(RuleCodes.ColonDurationInStep, SpanOf(t[k]), Formatting.WorkoutFormatter.FormatDuration(seconds), "target");
            }

            break;
        }

        var note = k < limit ? JoinRaw(t[k].Start, t[limit - 1].End) : null;
        return new WorkoutStep
        {
            Cue = cue,
            Prompts = prompts,
            Length = length,
            Targets = targets.Count == 0 ? [] : targets.ToArray(),
            Freeride = freeride,
            PressLap = pressLap,
            Note = note,
            Span = lineSpan,
        };
    }

    private bool IsPressLap(Token first, Token second, out bool exact)
    {
        var a = Chars(first);
        var b = Chars(second);
        exact = a is "Press" && b is "lap";
        return (Lexicon.IsWord(a, "press") && Lexicon.IsWord(b, "lap")) || (Lexicon.IsWord(a, "lap") && Lexicon.IsWord(b, "press"));
    }

    private bool HasPromptMarker(ReadOnlySpan<Token> tokens)
    {
        foreach (var token in tokens)
        {
            if (Lexicon.TryParsePromptMarker(Chars(token), out _, out _))
            {
                return true;
            }
        }

        return false;
    }

    private TimedPrompt[] ReadPrompts(ReadOnlySpan<Token> tokens)
    {
        var prompts = new List<TimedPrompt>();
        var at = 0;
        var textStart = -1;
        var textEnd = -1;
        foreach (var token in tokens)
        {
            if (Lexicon.TryParsePromptMarker(Chars(token), out var seconds, out var attached))
            {
                prompts.Add(new TimedPrompt(at, textStart < 0 ? "" : JoinRaw(textStart, textEnd)));
                at = seconds;
                textStart = attached < token.Length ? token.Start + attached : -1;
                textEnd = token.End;
            }
            else
            {
                if (textStart < 0)
                {
                    textStart = token.Start;
                }

                textEnd = token.End;
            }
        }

        prompts.Add(new TimedPrompt(at, textStart < 0 ? "" : JoinRaw(textStart, textEnd)));
        return [.. prompts];
    }

    /// <summary>Recognises the step length at token <paramref name="i"/>, recording W001/W002/W003 when it is faulty.</summary>
    private bool TryLengthAt(ReadOnlySpan<Token> t, int i, int limit, out StepLength? length, out int consumed)
    {
        var token = Chars(t[i]);
        consumed = 1;
        length = null;
        if (token.Length == 0 || !(char.IsAsciiDigit(token[0]) || (token[0] == '.' && token.Length > 1)))
        {
            return false;
        }

        if (Lexicon.TryParseTime(token, out var seconds, out var unitWord, out var bareMinutes))
        {
            var rounded = (int)Math.Round(seconds);
            length = StepLength.FromSeconds(rounded);
            if (unitWord)
            {
                AddFlaw(RuleCodes.UnitWordInDuration, SpanOf(t[i]), Formatting.WorkoutFormatter.FormatDuration(rounded));
            }
            else if (bareMinutes >= 100)
            {
                AddFlaw(
                    RuleCodes.MinutesThatAreMeters,
                    SpanOf(t[i]),
                    string.Create(CultureInfo.InvariantCulture, $"{bareMinutes}mtr"),
                    Formatting.WorkoutFormatter.FormatDuration(rounded));
            }

            return true;
        }

        if (Lexicon.TryParseDistance(token, out var amount, out var unit))
        {
            length = StepLength.FromDistance(amount, unit);
            return true;
        }

        if (Lexicon.TryParseColonTime(token, out var a, out var b, out var c))
        {
            var total = c < 0 ? (a * 60) + b : (a * 3600) + (b * 60) + c;
            length = StepLength.FromSeconds(total);
            AddFlaw(RuleCodes.ColonDurationInStep, SpanOf(t[i]), Formatting.WorkoutFormatter.FormatDuration(total), c < 0 ? "m:ss" : "h:mm:ss");
            return true;
        }

        if (i + 1 < limit)
        {
            var pos = 0;
            var rank = Lexicon.SeparateTimeUnitRank(Chars(t[i + 1]));
            if (rank > 0 && Lexicon.TryReadNumber(token, ref pos, out var value) && pos == token.Length)
            {
                var total = value * rank switch { 3 => 3600, 2 => 60, _ => 1 };
                if (total <= Lexicon.MaxSeconds)
                {
                    var rounded = (int)Math.Round(total);
                    length = StepLength.FromSeconds(rounded);
                    consumed = 2;
                    AddFlaw(RuleCodes.UnitWordInDuration, SpanBetween(t[i].Start, t[i + 1].End), Formatting.WorkoutFormatter.FormatDuration(rounded));
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Recognises a target at token <paramref name="i"/>, with its range partner and its HR/LTHR/Pace/MMP word.</summary>
    private bool TryTargetAt(ReadOnlySpan<Token> t, int i, int limit, bool ramp, out WorkoutTarget target, out int consumed)
    {
        target = null!;
        consumed = 0;
        var first = t[i];
        if (!Lexicon.TryParseTargetToken(Chars(first), out var low, out var high, out var isRange, out var separatorAt))
        {
            return false;
        }

        var next = i + 1;
        var lastAtomEnd = first.End;
        SyntaxFlaw? separatorFlaw = null;
        if (isRange && Lexicon.IsFaultyDash(text[first.Start + separatorAt]))
        {
            separatorFlaw = new SyntaxFlaw(RuleCodes.RangeSeparator, SpanOf(first.Start + separatorAt, 1), "-", text[(first.Start + separatorAt)..(first.Start + separatorAt + 1)]);
        }
        else if (!isRange && next + 1 < limit && Lexicon.IsRangeWord(Chars(t[next]), out var faulty)
            && Lexicon.TryParseTargetToken(Chars(t[next + 1]), out var partner, out _, out var partnerIsRange, out _)
            && !partnerIsRange)
        {
            var lowCopy = low;
            if (Lexicon.Unify(ref lowCopy, ref partner))
            {
                low = lowCopy;
                high = partner;
                isRange = true;
                if (faulty)
                {
                    separatorFlaw = new SyntaxFlaw(RuleCodes.RangeSeparator, SpanBetween(first.End, t[next + 1].Start), "-", Chars(t[next]).ToString());
                }

                lastAtomEnd = t[next + 1].End;
                next += 2;
            }
        }

        var modifier = next < limit ? Chars(t[next]) : default;
        TargetKind kind;
        TargetUnit unit;
        int? mmpSeconds = null;
        var pace = PaceDistance.SportDefault;
        switch (low.Kind)
        {
            case AtomKind.Zone:
                if (Lexicon.IsWord(modifier, "hr"))
                {
                    (kind, unit) = (TargetKind.HeartRate, TargetUnit.HrZone);
                    next++;
                }
                else if (Lexicon.IsWord(modifier, "pace"))
                {
                    (kind, unit) = (TargetKind.Pace, TargetUnit.PaceZone);
                    next++;
                }
                else
                {
                    (kind, unit) = (TargetKind.Power, TargetUnit.PowerZone);
                }

                break;

            case AtomKind.Pace:
                if (Lexicon.IsWord(modifier, "pace"))
                {
                    next++;
                }
                else if (low.Suffix != AtomSuffix.PaceUnit)
                {
                    return false;
                }

                (kind, unit, pace) = (TargetKind.Pace, TargetUnit.AbsolutePace, low.PaceDistance);
                break;

            default:
                switch (low.Suffix)
                {
                    case AtomSuffix.Watts:
                        (kind, unit) = (TargetKind.Power, TargetUnit.Watts);
                        break;
                    case AtomSuffix.Rpm:
                        (kind, unit) = (TargetKind.Cadence, TargetUnit.Rpm);
                        break;
                    case AtomSuffix.Percent:
                        (kind, unit) = ReadPercentModifier(modifier);
                        if (unit != TargetUnit.PercentFtp)
                        {
                            next++;
                        }

                        if (unit == TargetUnit.PercentMmp && next < limit
                            && Lexicon.TryParseTime(Chars(t[next]), out var mmp, out _, out _))
                        {
                            mmpSeconds = (int)Math.Round(mmp);
                            next++;
                        }

                        break;
                    default:
                        if (Lexicon.IsWord(modifier, "rpm"))
                        {
                            (kind, unit) = (TargetKind.Cadence, TargetUnit.Rpm);
                            AddFlaw(RuleCodes.CadenceFormat, SpanBetween(lastAtomEnd, t[next].Start), "", "space");
                            next++;
                            break;
                        }

                        // A bare number keeps any HR/LTHR/Pace word after it as text, so the fix ("add %") reads naturally.
                        (kind, unit) = (TargetKind.Power, TargetUnit.None);
                        flaws ??= [];
                        flaws.Add(new SyntaxFlaw(
                            ramp ? RuleCodes.RampWithoutPercent : RuleCodes.TargetWithoutUnit,
                            SpanOf(lastAtomEnd, 0),
                            "%",
                            text[first.Start..lastAtomEnd],
                            first.Start - lineStart + 1));
                        break;
                }

                break;
        }

        if (separatorFlaw is not null)
        {
            flaws ??= [];
            flaws.Add(separatorFlaw);
        }

        consumed = next - i;
        target = new WorkoutTarget
        {
            Kind = kind,
            Unit = unit,
            Low = low.Value,
            High = isRange ? high.Value : null,
            Ramp = ramp,
            CustomZone = low.Custom,
            PaceDistance = pace,
            MmpSeconds = mmpSeconds,
            Span = SpanBetween(first.Start, t[next - 1].End),
        };
        return true;
    }

    /// <summary>The unit word after a percentage (one of <see cref="Lexicon.IsTargetUnitWord"/>'s); none means % of FTP.</summary>
    private static (TargetKind Kind, TargetUnit Unit) ReadPercentModifier(ReadOnlySpan<char> modifier)
    {
        if (Lexicon.IsWord(modifier, "hr"))
        {
            return (TargetKind.HeartRate, TargetUnit.PercentMaxHr);
        }

        if (Lexicon.IsWord(modifier, "lthr"))
        {
            return (TargetKind.HeartRate, TargetUnit.PercentLthr);
        }

        if (Lexicon.IsWord(modifier, "pace"))
        {
            return (TargetKind.Pace, TargetUnit.PercentPace);
        }

        if (Lexicon.IsWord(modifier, "mmp"))
        {
            return (TargetKind.Power, TargetUnit.PercentMmp);
        }

        return (TargetKind.Power, TargetUnit.PercentFtp);
    }

    private sealed class BlockBuilder
    {
        public WorkoutBlockKind Kind { get; init; }

        public string? Title { get; init; }

        public int Repeats { get; init; } = 1;

        public SourceSpan HeaderSpan { get; init; }

        public string? WrittenHeader { get; init; }

        public bool HeaderWasCanonical { get; init; }

        public bool BlankBefore { get; set; }

        public int LastLine { get; set; }

        public WorkoutBlock Build(WorkoutLine[] lines, bool blankAfter) => new()
        {
            Kind = Kind,
            Title = Title,
            Repeats = Repeats,
            HeaderSpan = HeaderSpan,
            WrittenHeader = WrittenHeader,
            HeaderWasCanonical = HeaderWasCanonical,
            Lines = lines,
            BlankBefore = BlankBefore,
            BlankAfter = blankAfter,
            LastLine = LastLine,
        };
    }
}
