namespace IcuSync.Sandbox;

/// <summary>
/// Fault injection for the <c>/api/v1</c> endpoints, switchable while the server runs. Counted faults
/// (<see cref="FailNext"/>, <see cref="ThrottleNext"/>, <see cref="DropNext"/>) hit the next N requests; rates hit a
/// deterministic fraction of requests. Order per request: latency, drop, 500, 429.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock _gate = new();
    private ulong _rngState = 0x5EED;
    private int _failNext;
    private int _throttleNext;
    private int _dropNext;
    private int _injected;

    /// <summary>Delay added before every API request is handled.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Retry-After sent with injected 429s (whole seconds on the wire).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Fraction (0–1) of requests answered with 500.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Fraction (0–1) of requests answered with 429 + Retry-After.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Fraction (0–1) of requests whose connection is aborted without a response.</summary>
    public double DropRate { get; set; }

    /// <summary>How many faults (500, 429, drops) have been injected so far.</summary>
    public int InjectedCount => Volatile.Read(ref _injected);

    /// <summary>Answers the next <paramref name="count"/> API requests with 500.</summary>
    public void FailNext(int count)
    {
        lock (_gate)
        {
            _failNext = count;
        }
    }

    /// <summary>A 429 storm: the next <paramref name="count"/> API requests get 429 with Retry-After.</summary>
    public void ThrottleNext(int count)
    {
        lock (_gate)
        {
            _throttleNext = count;
        }
    }

    /// <summary>Aborts the connection of the next <paramref name="count"/> API requests.</summary>
    public void DropNext(int count)
    {
        lock (_gate)
        {
            _dropNext = count;
        }
    }

    /// <summary>Turns every fault off.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _failNext = _throttleNext = _dropNext = 0;
            Latency = TimeSpan.Zero;
            ServerErrorRate = ThrottleRate = DropRate = 0;
        }
    }

    internal FaultKind Next()
    {
        lock (_gate)
        {
            var kind = FaultKind.None;
            if (_dropNext > 0)
            {
                _dropNext--;
                kind = FaultKind.Drop;
            }
            else if (_failNext > 0)
            {
                _failNext--;
                kind = FaultKind.ServerError;
            }
            else if (_throttleNext > 0)
            {
                _throttleNext--;
                kind = FaultKind.Throttle;
            }
            else if (DropRate > 0 && Roll() < DropRate)
            {
                kind = FaultKind.Drop;
            }
            else if (ServerErrorRate > 0 && Roll() < ServerErrorRate)
            {
                kind = FaultKind.ServerError;
            }
            else if (ThrottleRate > 0 && Roll() < ThrottleRate)
            {
                kind = FaultKind.Throttle;
            }

            if (kind != FaultKind.None)
            {
                _injected++;
            }

            return kind;
        }
    }

    private double Roll()
    {
        var z = _rngState += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return ((z ^ (z >> 31)) >> 11) * (1.0 / (1UL << 53));
    }
}

internal enum FaultKind
{
    None,
    Drop,
    ServerError,
    Throttle,
}
