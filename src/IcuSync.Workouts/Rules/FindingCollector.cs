using System.Text;

namespace IcuSync.Workouts.Rules;

/// <summary>A text replacement on one line: 1-based column, length in characters, and the new text.</summary>
internal readonly record struct LineEdit(int Column, int Length, string Replacement);

/// <summary>
/// Gathers findings from all rule families, keeps one finding per code and line, and derives each fix: the corrected line
/// (every edit known for that line applied) when the finding has an edit, otherwise the rule's instruction.
/// </summary>
internal sealed class FindingCollector(WorkoutSyntaxTree tree)
{
    private List<Candidate>? candidates;
    private Dictionary<int, string?>? lineCache;

    public bool IsEmpty => candidates is null;

    public string? LineText(int line)
    {
        lineCache ??= [];
        if (!lineCache.TryGetValue(line, out var text))
        {
            text = tree.LineText(line);
            lineCache[line] = text;
        }

        return text;
    }

    /// <summary>The text a span covers, or "" when it is not in the tree's text.</summary>
    public string TextOf(SourceSpan span)
    {
        var line = LineText(span.Line);
        if (line is null || span.Column < 1 || span.Column - 1 + span.Length > line.Length)
        {
            return "";
        }

        return line.Substring(span.Column - 1, span.Length);
    }

    public void Add(string code, int line, int column, string message, LineEdit? edit = null, string? instruction = null) =>
        (candidates ??= []).Add(new Candidate(code, line, column, message, edit, instruction));

    public (IReadOnlyList<RuleFinding> Errors, IReadOnlyList<RuleFinding> Warnings) Build()
    {
        if (candidates is null)
        {
            return ([], []);
        }

        // An error's fix applies the line's error edits; a warning's fix applies every edit on the line, so that
        // following a warning's advice never reintroduces an error, and an error's fix never imposes advice.
        var editsByLine = new Dictionary<(int Line, bool All), List<LineEdit>>();
        foreach (var candidate in candidates)
        {
            if (candidate.Edit is { } edit && candidate.Line > 0)
            {
                var isError = RuleCodes.SeverityOf(candidate.Code) == RuleSeverity.Error;
                foreach (var all in (ReadOnlySpan<bool>)[true, false])
                {
                    if (!all && !isError)
                    {
                        continue;
                    }

                    if (!editsByLine.TryGetValue((candidate.Line, all), out var edits))
                    {
                        editsByLine[(candidate.Line, all)] = edits = [];
                    }

                    edits.Add(edit);
                }
            }
        }

        var corrected = new Dictionary<(int Line, bool All), string?>();
        var merged = new Dictionary<(string Code, int Line), Candidate>();
        var order = new List<(string Code, int Line)>();
        foreach (var candidate in candidates)
        {
            var key = (candidate.Code, candidate.Line);
            if (candidate.Line > 0 && merged.TryGetValue(key, out var existing))
            {
                // One finding per code and line; the earliest column wins, and an edit anywhere makes it fixable.
                merged[key] = existing with
                {
                    Column = Math.Min(existing.Column, candidate.Column),
                    Message = string.Equals(existing.Message, candidate.Message, StringComparison.Ordinal)
                        ? existing.Message
                        : existing.Message + " " + candidate.Message,
                    Edit = existing.Edit ?? candidate.Edit,
                    Instruction = existing.Instruction ?? candidate.Instruction,
                };
                continue;
            }

            if (candidate.Line <= 0)
            {
                key = (candidate.Code, -order.Count - 1);
            }

            merged[key] = candidate;
            order.Add(key);
        }

        var errors = new List<RuleFinding>();
        var warnings = new List<RuleFinding>();
        foreach (var key in order)
        {
            var candidate = merged[key];
            var severity = RuleCodes.SeverityOf(candidate.Code);
            var editKey = (candidate.Line, severity == RuleSeverity.Warning);
            string? fix = candidate.Instruction;
            if (candidate.Edit is not null && editsByLine.TryGetValue(editKey, out var edits))
            {
                if (!corrected.TryGetValue(editKey, out var line))
                {
                    line = Apply(LineText(candidate.Line), edits);
                    corrected[editKey] = line;
                }

                fix = line ?? candidate.Instruction;
            }

            var finding = new RuleFinding(candidate.Code, severity, Math.Max(candidate.Line, 0), Math.Max(candidate.Column, 0), candidate.Message, fix);
            (severity == RuleSeverity.Error ? errors : warnings).Add(finding);
        }

        errors.Sort(Compare);
        warnings.Sort(Compare);
        return (errors, warnings);
    }

    private static int Compare(RuleFinding a, RuleFinding b)
    {
        var byLine = a.Line.CompareTo(b.Line);
        if (byLine != 0)
        {
            return byLine;
        }

        var byColumn = a.Column.CompareTo(b.Column);
        return byColumn != 0 ? byColumn : string.CompareOrdinal(a.Code, b.Code);
    }

    private static string? Apply(string? line, List<LineEdit> edits)
    {
        if (line is null)
        {
            return null;
        }

        var ordered = edits.Distinct().OrderBy(static e => e.Column).ThenBy(static e => e.Length).ToList();
        var builder = new StringBuilder(line.Length + 16);
        var cursor = 0;
        foreach (var edit in ordered)
        {
            var start = edit.Column - 1;
            if (start < cursor || start + edit.Length > line.Length)
            {
                continue;
            }

            builder.Append(line, cursor, start - cursor).Append(edit.Replacement);
            cursor = start + edit.Length;
        }

        builder.Append(line, cursor, line.Length - cursor);
        return builder.ToString().TrimEnd();
    }

    private sealed record Candidate(string Code, int Line, int Column, string Message, LineEdit? Edit, string? Instruction);
}
