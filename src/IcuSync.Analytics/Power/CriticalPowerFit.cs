namespace IcuSync.Analytics.Power;

/// <summary>The power-duration model a critical-power fit uses.</summary>
public enum CriticalPowerModel
{
    /// <summary>Two parameters, P = CP + W′/t, by least squares of power on 1/t (intercept CP, slope W′).</summary>
    TwoParameterHyperbolic,

    /// <summary>Two parameters, work = CP·t + W′, by least squares of work on time (Monod–Scherrer; slope CP, intercept W′).</summary>
    TwoParameterLinear,

    /// <summary>Morton's three parameters, P = CP + W′/(t + W′/(Pmax − CP)), by Levenberg–Marquardt least squares on power.</summary>
    ThreeParameter,
}

/// <summary>The parameters of a critical-power model, as flags.</summary>
[Flags]
public enum CriticalPowerParameters
{
    /// <summary>No parameter.</summary>
    None = 0,

    /// <summary>Critical power.</summary>
    CriticalPower = 1,

    /// <summary>W′, the work capacity above CP.</summary>
    WPrime = 2,

    /// <summary>Pmax, the instantaneous power asymptote of the three-parameter model.</summary>
    PMax = 4,
}

/// <summary>One maximal effort: the best mean power held for a duration.</summary>
/// <param name="DurationSeconds">The effort's duration in seconds (positive).</param>
/// <param name="Watts">The mean power over it, in watts.</param>
public readonly record struct PowerDurationPoint(double DurationSeconds, double Watts);

/// <summary>A fitted critical-power model.</summary>
/// <param name="Model">The model that was fitted.</param>
/// <param name="CriticalPower">CP in watts.</param>
/// <param name="WPrime">W′ in joules.</param>
/// <param name="PMax">Pmax in watts for the three-parameter model; null for the two-parameter models and when Pmax is unidentifiable.</param>
/// <param name="RSquared">
/// Coefficient of determination of the fitted quantity: power against 1/t (2p-hyperbolic), work against time
/// (2p-linear) or power (3p).
/// </param>
/// <param name="PointCount">The number of points the fit used.</param>
/// <param name="Unidentifiable">
/// Parameters the points cannot pin down: too few distinct durations for the model, a near-singular design, an
/// estimate smaller than twice its standard error, or (3p) Pmax running to the hyperbolic limit, past its bound, or
/// without a point of 10 s or shorter to anchor it.
/// </param>
public sealed record CriticalPowerFit(
    CriticalPowerModel Model,
    double CriticalPower,
    double WPrime,
    double? PMax,
    double RSquared,
    int PointCount,
    CriticalPowerParameters Unidentifiable)
{
    /// <summary>
    /// True when CP and W′ are positive and identifiable and R² is at least 0.5; a fit that fails this should not be
    /// shown as the athlete's CP.
    /// </summary>
    public bool IsValid =>
        CriticalPower > 0 && WPrime > 0 && RSquared >= 0.5
        && (Unidentifiable & (CriticalPowerParameters.CriticalPower | CriticalPowerParameters.WPrime)) == 0;

    /// <summary>The modelled best mean power, in watts, for a duration in seconds.</summary>
    /// <param name="seconds">Duration in seconds (positive).</param>
    public double PowerAt(double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        if (Model == CriticalPowerModel.ThreeParameter && PMax is { } pmax && pmax > CriticalPower)
        {
            return CriticalPower + (WPrime / (seconds + (WPrime / (pmax - CriticalPower))));
        }

        return CriticalPower + (WPrime / seconds);
    }
}
