namespace IcuSync.Workouts;

/// <summary>Whether a finding blocks a write.</summary>
public enum RuleSeverity
{
    /// <summary>The text would be stored wrongly; writes are refused.</summary>
    Error,

    /// <summary>The text is accepted but probably not what was meant.</summary>
    Warning,
}

/// <summary>One problem the rule checker found.</summary>
/// <param name="Code">A stable code from <see cref="RuleCodes"/>.</param>
/// <param name="Severity">Error (blocks writes) or warning.</param>
/// <param name="Line">1-based line of the problem, or 0 when it concerns the whole workout.</param>
/// <param name="Column">1-based column (UTF-16 code units) of the problem, or 0 when it concerns the whole line or workout.</param>
/// <param name="Message">What is wrong, naming the offending text and the accepted form.</param>
/// <param name="Fix">The corrected line when one can be derived; otherwise a concrete instruction. Null only when no fix applies.</param>
public sealed record RuleFinding(string Code, RuleSeverity Severity, int Line, int Column, string Message, string? Fix);
