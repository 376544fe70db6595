namespace IcuSync.Analytics.Power;

/// <summary>
/// Fits critical-power models to power-duration points.
/// </summary>
/// <remarks>
/// The three estimators give different answers on the same data; each reports its own R². Fewer than three valid
/// points, or points at fewer than two distinct durations, give no fit. Points with a non-positive or non-finite
/// duration, or a negative or non-finite power, are ignored. Activity-derived fits use the 2–20 min window by default
/// because the models describe that range; shorter points pull CP up.
/// </remarks>
public static class CriticalPowerEstimator
{
    /// <summary>The shortest duration, in seconds, of the default fitting window for curves from activities.</summary>
    public const int DefaultMinimumSeconds = 120;

    /// <summary>The longest duration, in seconds, of the default fitting window for curves from activities.</summary>
    public const int DefaultMaximumSeconds = 1200;

    /// <summary>The bound on Pmax, in watts, beyond which Pmax is reported as unidentifiable (raised to twice the best point when that is higher).</summary>
    public const double PMaxBound = 3000;

    /// <summary>
    /// Pmax is reported only when some point is this short or shorter, in seconds: without a sprint-length point the
    /// fit extrapolates to t = 0 from the curvature of longer efforts.
    /// </summary>
    public const double PMaxShortestPointSeconds = 10;

    private const int MaxIterations = 500;

    /// <summary>Fits a model to the given points.</summary>
    /// <param name="points">Durations (s) and mean powers (W).</param>
    /// <param name="model">The model to fit.</param>
    /// <returns>The fit, or null with fewer than three valid points or fewer than two distinct durations.</returns>
    public static CriticalPowerFit? Fit(IReadOnlyList<PowerDurationPoint> points, CriticalPowerModel model)
    {
        ArgumentNullException.ThrowIfNull(points);
        var t = new List<double>(points.Count);
        var p = new List<double>(points.Count);
        foreach (var point in points)
        {
            if (point.DurationSeconds > 0 && double.IsFinite(point.DurationSeconds) && point.Watts >= 0 && double.IsFinite(point.Watts))
            {
                t.Add(point.DurationSeconds);
                p.Add(point.Watts);
            }
        }

        if (t.Count < 3)
        {
            return null;
        }

        var distinct = t.Distinct().Count();
        if (distinct < 2)
        {
            return null;
        }

        return model switch
        {
            CriticalPowerModel.TwoParameterHyperbolic => FitHyperbolic([.. t], [.. p]),
            CriticalPowerModel.TwoParameterLinear => FitLinear([.. t], [.. p]),
            CriticalPowerModel.ThreeParameter => FitMorton([.. t], [.. p], distinct),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown critical-power model."),
        };
    }

    /// <summary>
    /// Fits a model to an activity's (or a season's) mean-max power curve: the monotone envelope is sampled at the
    /// <see cref="MeanMax.StandardDurations"/> that fall inside the window and that the curve holds.
    /// </summary>
    /// <param name="powerCurve">A mean-max power curve in watts.</param>
    /// <param name="model">The model to fit.</param>
    /// <param name="minimumSeconds">Shortest duration used, in seconds; 120 by default.</param>
    /// <param name="maximumSeconds">Longest duration used, in seconds; 1200 by default.</param>
    /// <returns>The fit, or null when fewer than three points fall in the window.</returns>
    public static CriticalPowerFit? FitMeanMax(MeanMaxCurve powerCurve, CriticalPowerModel model, int minimumSeconds = DefaultMinimumSeconds, int maximumSeconds = DefaultMaximumSeconds)
    {
        ArgumentNullException.ThrowIfNull(powerCurve);
        var envelope = powerCurve.Envelope();
        var points = new List<PowerDurationPoint>();
        foreach (var d in MeanMax.StandardDurations)
        {
            if (d >= minimumSeconds && d <= maximumSeconds && envelope.ValueAt(d) is { } watts)
            {
                points.Add(new PowerDurationPoint(d, watts));
            }
        }

        return Fit(points, model);
    }

    private static CriticalPowerFit FitHyperbolic(double[] t, double[] p)
    {
        var x = new double[t.Length];
        for (var i = 0; i < t.Length; i++)
        {
            x[i] = 1.0 / t[i];
        }

        var line = LinearFit.Compute(x, p);
        var flags = CriticalPowerParameters.None;
        if (line.InterceptIsNoise)
        {
            flags |= CriticalPowerParameters.CriticalPower;
        }

        if (line.SlopeIsNoise)
        {
            flags |= CriticalPowerParameters.WPrime;
        }

        return new CriticalPowerFit(CriticalPowerModel.TwoParameterHyperbolic, line.Intercept, line.Slope, null, line.RSquared, t.Length, flags);
    }

    private static CriticalPowerFit FitLinear(double[] t, double[] p)
    {
        var work = new double[t.Length];
        for (var i = 0; i < t.Length; i++)
        {
            work[i] = p[i] * t[i];
        }

        var line = LinearFit.Compute(t, work);
        var flags = CriticalPowerParameters.None;
        if (line.SlopeIsNoise)
        {
            flags |= CriticalPowerParameters.CriticalPower;
        }

        if (line.InterceptIsNoise)
        {
            flags |= CriticalPowerParameters.WPrime;
        }

        return new CriticalPowerFit(CriticalPowerModel.TwoParameterLinear, line.Slope, line.Intercept, null, line.RSquared, t.Length, flags);
    }

    private static CriticalPowerFit FitMorton(double[] t, double[] p, int distinctDurations)
    {
        var maxPower = p.Max();
        var minDuration = t.Min();
        var bound = Math.Max(PMaxBound, 2 * maxPower);

        // Several starts guard against a poor local minimum: sweatpy's (300 W, 20 kJ, 1000 W) and two built on the
        // hyperbolic fit. The lowest residual wins.
        var starts = new List<(double Cp, double W, double K)> { (300, 20000, 20000.0 / 700.0) };
        var hyperbolic = FitHyperbolic(t, p);
        if (hyperbolic.CriticalPower > 0 && hyperbolic.WPrime > 0)
        {
            var pmaxGuess = Math.Max(1.5 * maxPower, hyperbolic.CriticalPower + 1);
            starts.Add((hyperbolic.CriticalPower, hyperbolic.WPrime, hyperbolic.WPrime / (pmaxGuess - hyperbolic.CriticalPower)));
            starts.Add((hyperbolic.CriticalPower, hyperbolic.WPrime, minDuration));
        }

        var best = (Cp: double.NaN, W: double.NaN, K: double.NaN, Sse: double.PositiveInfinity);
        foreach (var (cp0, w0, k0) in starts)
        {
            var candidate = LevenbergMarquardt(t, p, cp0, w0, k0);
            if (candidate.Sse < best.Sse)
            {
                best = candidate;
            }
        }

        var (cp, w, k, sse) = best;
        var mean = p.Average();
        var sst = 0.0;
        foreach (var value in p)
        {
            sst += (value - mean) * (value - mean);
        }

        var rSquared = LinearFit.CoefficientOfDetermination(sse, sst);
        var flags = CriticalPowerParameters.None;
        double? pmax = k > 0 ? cp + (w / k) : null;
        if (pmax is null || pmax > bound || pmax <= cp || minDuration > PMaxShortestPointSeconds)
        {
            flags |= CriticalPowerParameters.PMax;
            pmax = null;
        }

        if (distinctDurations < 3)
        {
            flags |= CriticalPowerParameters.CriticalPower | CriticalPowerParameters.WPrime | CriticalPowerParameters.PMax;
            pmax = null;
        }
        else if (k > 0)
        {
            flags |= MortonUncertainty(t, p.Length, cp, w, k, sse);
            if ((flags & CriticalPowerParameters.PMax) != 0)
            {
                pmax = null;
            }
        }

        return new CriticalPowerFit(CriticalPowerModel.ThreeParameter, cp, w, pmax, rSquared, t.Length, flags);
    }

    // Flags parameters that the design cannot separate (near-singular normal matrix) or whose estimate is smaller
    // than twice its standard error.
    private static CriticalPowerParameters MortonUncertainty(double[] t, int n, double cp, double w, double k, double sse)
    {
        var a = new double[3, 3];
        foreach (var ti in t)
        {
            var u = 1.0 / (ti + k);
            Span<double> j = [1.0, u, -w * u * u];
            for (var r = 0; r < 3; r++)
            {
                for (var c = 0; c < 3; c++)
                {
                    a[r, c] += j[r] * j[c];
                }
            }
        }

        var normalized = new double[3, 3];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                normalized[r, c] = a[r, c] / Math.Sqrt(a[r, r] * a[c, c]);
            }
        }

        const CriticalPowerParameters all = CriticalPowerParameters.CriticalPower | CriticalPowerParameters.WPrime | CriticalPowerParameters.PMax;
        var determinant = SmallMatrix.Determinant3(normalized);
        if (!(determinant > 1e-12))
        {
            return all;
        }

        if (n <= 3)
        {
            return CriticalPowerParameters.None;
        }

        var inverse = SmallMatrix.Inverse3(a);
        if (inverse is null)
        {
            return all;
        }

        var variance = sse / (n - 3);
        var flags = CriticalPowerParameters.None;
        if (Math.Abs(cp) < 2 * Math.Sqrt(variance * inverse[0, 0]))
        {
            flags |= CriticalPowerParameters.CriticalPower;
        }

        if (Math.Abs(w) < 2 * Math.Sqrt(variance * inverse[1, 1]))
        {
            flags |= CriticalPowerParameters.WPrime;
        }

        if (Math.Abs(k) < 2 * Math.Sqrt(variance * inverse[2, 2]))
        {
            flags |= CriticalPowerParameters.PMax;
        }

        return flags;
    }

    // Morton's model in the form P = CP + W′/(t + k) with k = W′/(Pmax − CP) ≥ 0; k = 0 is the hyperbolic limit
    // (Pmax → ∞), which keeps the search on a finite, pole-free domain.
    private static (double Cp, double W, double K, double Sse) LevenbergMarquardt(double[] t, double[] p, double cp, double w, double k)
    {
        var sse = MortonSse(t, p, cp, w, k);
        var lambda = 1e-3;
        var a = new double[3, 3];
        var m = new double[3, 3];
        Span<double> g = stackalloc double[3];
        Span<double> step = stackalloc double[3];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            Array.Clear(a);
            g.Clear();
            for (var i = 0; i < t.Length; i++)
            {
                var u = 1.0 / (t[i] + k);
                var residual = p[i] - (cp + (w * u));
                Span<double> j = [1.0, u, -w * u * u];
                for (var r = 0; r < 3; r++)
                {
                    g[r] += j[r] * residual;
                    for (var c = 0; c < 3; c++)
                    {
                        a[r, c] += j[r] * j[c];
                    }
                }
            }

            var floor = 1e-12 * (a[0, 0] + a[1, 1] + a[2, 2]);
            var accepted = false;
            var converged = false;
            while (lambda < 1e16)
            {
                for (var r = 0; r < 3; r++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        m[r, c] = a[r, c];
                    }

                    m[r, r] += lambda * Math.Max(a[r, r], floor);
                }

                if (!SmallMatrix.Solve3(m, g, step))
                {
                    lambda *= 10;
                    continue;
                }

                var cpNext = cp + step[0];
                var wNext = w + step[1];
                var kNext = Math.Max(0, k + step[2]);
                var sseNext = MortonSse(t, p, cpNext, wNext, kNext);
                if (sseNext < sse)
                {
                    var gain = sse - sseNext;
                    var relativeStep = Math.Max(Math.Abs(cpNext - cp) / (Math.Abs(cp) + 1e-9), Math.Max(Math.Abs(wNext - w) / (Math.Abs(w) + 1e-9), Math.Abs(kNext - k) / (Math.Abs(k) + 1e-9)));
                    converged = gain <= 1e-15 * sse || relativeStep < 1e-12;
                    (cp, w, k, sse) = (cpNext, wNext, kNext, sseNext);
                    lambda = Math.Max(lambda / 10, 1e-12);
                    accepted = true;
                    break;
                }

                lambda *= 10;
            }

            if (!accepted || converged || sse == 0)
            {
                break;
            }
        }

        return (cp, w, k, sse);
    }

    private static double MortonSse(double[] t, double[] p, double cp, double w, double k)
    {
        var sse = 0.0;
        for (var i = 0; i < t.Length; i++)
        {
            var residual = p[i] - (cp + (w / (t[i] + k)));
            sse += residual * residual;
        }

        return sse;
    }
}
