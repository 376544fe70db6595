namespace IcuSync.Intervals.Tests;

/// <summary>One upper bound for any single test's network calls, so a hang fails the test instead of the run.</summary>
public static class TestTimeout
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static CancellationToken Token => new CancellationTokenSource(Limit).Token;
}
