namespace IcuSync.Workouts;

/// <summary>A place in the source text: 1-based line and column (UTF-16 code units) and a length in characters.</summary>
public readonly record struct SourceSpan(int Line, int Column, int Length);
