namespace IcuSync.Analytics.Power;

/// <summary>Ordinary least squares of y on x, with R² and a check of each estimate against its standard error.</summary>
internal readonly record struct LinearFit(double Slope, double Intercept, double RSquared, bool SlopeIsNoise, bool InterceptIsNoise)
{
    public static LinearFit Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        var meanX = 0.0;
        var meanY = 0.0;
        for (var i = 0; i < n; i++)
        {
            meanX += x[i];
            meanY += y[i];
        }

        meanX /= n;
        meanY /= n;
        var sxx = 0.0;
        var sxy = 0.0;
        var syy = 0.0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }

        var slope = sxy / sxx;
        var intercept = meanY - (slope * meanX);
        var sse = 0.0;
        for (var i = 0; i < n; i++)
        {
            var residual = y[i] - (intercept + (slope * x[i]));
            sse += residual * residual;
        }

        var slopeIsNoise = false;
        var interceptIsNoise = false;
        if (n > 2)
        {
            var variance = sse / (n - 2);
            var slopeError = Math.Sqrt(variance / sxx);
            var interceptError = Math.Sqrt(variance * ((1.0 / n) + (meanX * meanX / sxx)));
            slopeIsNoise = Math.Abs(slope) < 2 * slopeError;
            interceptIsNoise = Math.Abs(intercept) < 2 * interceptError;
        }

        return new LinearFit(slope, intercept, CoefficientOfDetermination(sse, syy), slopeIsNoise, interceptIsNoise);
    }

    /// <summary>1 − SSE/SST; a perfect fit of constant data counts as 1, any other fit of constant data as 0.</summary>
    public static double CoefficientOfDetermination(double sse, double sst)
    {
        if (sst > 0)
        {
            return 1 - (sse / sst);
        }

        return sse <= 1e-18 ? 1 : 0;
    }
}
