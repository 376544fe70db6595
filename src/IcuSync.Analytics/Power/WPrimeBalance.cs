using System.Collections.Immutable;
using System.Runtime.InteropServices;
using IcuSync.Analytics.Streams;

namespace IcuSync.Analytics.Power;

/// <summary>The W′ balance model.</summary>
public enum WPrimeBalanceModel
{
    /// <summary>
    /// The default: the Froncioni/Skiba/Clarke differential form (the one Intervals.icu uses), one step per 1 Hz
    /// sample. At or above CP the balance falls by (P − CP) J; below CP it recovers by (CP − P)·(W′ − bal)/W′ J.
    /// </summary>
    Differential,

    /// <summary>
    /// The Skiba (2012) integral: bal(t) = W′ − Σ max(0, P(u) − CP)·e^(−(t − u)/τ), with
    /// τ = 546·e^(−0.01·D_CP) + 316 s and D_CP = CP − the mean of the samples below CP (D_CP = CP when none are below).
    /// </summary>
    Integral,
}

/// <summary>Headline numbers of a W′ balance series.</summary>
/// <param name="Model">The model used.</param>
/// <param name="CriticalPower">CP in watts.</param>
/// <param name="WPrime">W′ in joules.</param>
/// <param name="MinimumJoules">The lowest balance in joules (may be negative when CP or W′ are set too low; never clamped).</param>
/// <param name="MinimumAtSeconds">
/// Seconds from the start at which the minimum is reached: the balance after sample i is the balance at i + 1 s.
/// 0 for an empty stream.
/// </param>
/// <param name="MaxDepletionJoules">W′ − the minimum, in joules.</param>
/// <param name="SecondsBelowQuarter">Seconds whose closing balance is below 25 % of W′.</param>
/// <param name="TauSeconds">The recovery time constant τ in seconds (integral model only).</param>
public sealed record WPrimeBalanceSummary(
    WPrimeBalanceModel Model,
    double CriticalPower,
    double WPrime,
    double MinimumJoules,
    int MinimumAtSeconds,
    double MaxDepletionJoules,
    int SecondsBelowQuarter,
    double? TauSeconds);

/// <summary>A W′ balance series with its summary.</summary>
/// <param name="Summary">Minimum, depletion and time below 25 %.</param>
/// <param name="BalanceJoules">The balance after each 1 Hz sample, in joules, at full precision.</param>
public sealed record WPrimeBalanceResult(WPrimeBalanceSummary Summary, ImmutableArray<double> BalanceJoules);

/// <summary>
/// W′ balance over a 1 Hz power stream.
/// </summary>
/// <remarks>
/// Sample i is the power over second i; the balance written for it is the balance once that second is over. The
/// balance starts full at W′. Non-finite and negative samples count as 0 W (recovery). No rounding is applied.
/// In the differential form the recovery step is capped at the whole remaining deficit, so a W′ smaller than
/// CP − P (joules against watts, an unrealistic setting) cannot push the balance above W′.
/// </remarks>
public static class WPrimeBalance
{
    /// <summary>Skiba's recovery time constant in seconds: 546·e^(−0.01·D_CP) + 316.</summary>
    /// <param name="differenceBelowCp">D_CP in watts: CP − mean power of the samples below CP.</param>
    public static double IntegralTau(double differenceBelowCp) => (546 * Math.Exp(-0.01 * differenceBelowCp)) + 316;

    /// <summary>Computes the balance series.</summary>
    /// <param name="watts">1 Hz power in watts.</param>
    /// <param name="criticalPower">CP in watts (Intervals.icu uses the activity's FTP).</param>
    /// <param name="wPrime">W′ in joules.</param>
    /// <param name="model">The model; differential by default.</param>
    /// <returns>The series and summary, or null when CP or W′ is not positive and finite.</returns>
    public static WPrimeBalanceResult? Compute(ReadOnlySpan<double> watts, double criticalPower, double wPrime, WPrimeBalanceModel model = WPrimeBalanceModel.Differential)
    {
        var balance = new double[watts.Length];
        var summary = Compute(watts, criticalPower, wPrime, balance, model);
        return summary is null ? null : new WPrimeBalanceResult(summary, ImmutableCollectionsMarshal.AsImmutableArray(balance));
    }

    /// <summary>Computes the balance into a caller-supplied buffer, allocating nothing but the summary.</summary>
    /// <param name="watts">1 Hz power in watts.</param>
    /// <param name="criticalPower">CP in watts.</param>
    /// <param name="wPrime">W′ in joules.</param>
    /// <param name="balanceJoules">Receives the balance after each sample; at least as long as <paramref name="watts"/>.</param>
    /// <param name="model">The model; differential by default.</param>
    /// <returns>The summary, or null when CP or W′ is not positive and finite.</returns>
    public static WPrimeBalanceSummary? Compute(ReadOnlySpan<double> watts, double criticalPower, double wPrime, Span<double> balanceJoules, WPrimeBalanceModel model = WPrimeBalanceModel.Differential)
    {
        if (!(criticalPower > 0) || !(wPrime > 0) || !double.IsFinite(criticalPower) || !double.IsFinite(wPrime))
        {
            return null;
        }

        if (balanceJoules.Length < watts.Length)
        {
            throw new ArgumentException("The balance buffer must be at least as long as the power stream.", nameof(balanceJoules));
        }

        double? tau = null;
        if (model == WPrimeBalanceModel.Integral)
        {
            tau = IntegralTau(DifferenceBelowCp(watts, criticalPower));
            Integral(watts, criticalPower, wPrime, tau.Value, balanceJoules);
        }
        else
        {
            Differential(watts, criticalPower, wPrime, balanceJoules);
        }

        var minimum = wPrime;
        var minimumIndex = -1;
        var below = 0;
        var quarter = 0.25 * wPrime;
        for (var i = 0; i < watts.Length; i++)
        {
            var value = balanceJoules[i];
            if (value < minimum)
            {
                minimum = value;
                minimumIndex = i;
            }

            if (value < quarter)
            {
                below++;
            }
        }

        return new WPrimeBalanceSummary(model, criticalPower, wPrime, minimum, minimumIndex + 1, wPrime - minimum, below, tau);
    }

    private static void Differential(ReadOnlySpan<double> watts, double cp, double wPrime, Span<double> balance)
    {
        var bal = wPrime;
        for (var i = 0; i < watts.Length; i++)
        {
            var power = SampleValue.Output(watts[i]);
            if (power >= cp)
            {
                bal -= power - cp;
            }
            else
            {
                // bal + f·(W′ − bal) written as W′ − (1 − f)·(W′ − bal): with 0 ≤ f ≤ 1 it cannot round above W′.
                var share = Math.Min(1.0, (cp - power) / wPrime);
                bal = wPrime - ((wPrime - bal) * (1.0 - share));
            }

            balance[i] = bal;
        }
    }

    // The Skiba sum Σ W′exp(u)·e^(−(t−u)/τ) kept as a running, already-decayed total: S(t) = S(t−1)·e^(−1/τ) + W′exp(t).
    // This is the Waterworth O(n) form without its growing e^(t/τ) factor, so it cannot overflow on long data.
    private static void Integral(ReadOnlySpan<double> watts, double cp, double wPrime, double tau, Span<double> balance)
    {
        var decay = Math.Exp(-1.0 / tau);
        var spent = 0.0;
        for (var i = 0; i < watts.Length; i++)
        {
            var power = SampleValue.Output(watts[i]);
            spent = (spent * decay) + Math.Max(0, power - cp);
            balance[i] = wPrime - spent;
        }
    }

    private static double DifferenceBelowCp(ReadOnlySpan<double> watts, double cp)
    {
        var sum = 0.0;
        var count = 0;
        foreach (var sample in watts)
        {
            var power = SampleValue.Output(sample);
            if (power < cp)
            {
                sum += power;
                count++;
            }
        }

        return cp - (count == 0 ? 0 : sum / count);
    }
}
