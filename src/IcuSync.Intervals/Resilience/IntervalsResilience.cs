using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace IcuSync.Intervals;

/// <summary>
/// The retry and timeout policy of one call: an overall timeout around exponential-backoff retries (with jitter,
/// honouring Retry-After) of 429, 408, 5xx, per-attempt timeouts and dropped connections. Non-idempotent calls are
/// retried only on 429, because Intervals.icu refuses those before doing any work.
/// </summary>
internal static class IntervalsResilience
{
    public static readonly ResiliencePropertyKey<bool> Idempotent = new("icusync.intervals.idempotent");
    public static readonly ResiliencePropertyKey<string> Operation = new("icusync.intervals.operation");
    public static readonly ResiliencePropertyKey<int> LastStatus = new("icusync.intervals.last-status");

    public static ResiliencePipeline<HttpResponseMessage> Build(IntervalsClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.TotalTimeout });
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, timeProvider)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? RetryAfter(response, timeProvider) : null),
                OnRetry = args =>
                {
                    var operation = args.Context.Properties.GetValue(Operation, "?");
                    var cause = args.Outcome.Result is { } r
                        ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : args.Outcome.Exception?.GetType().Name ?? "unknown";
                    IntervalsClientLog.Retrying(logger, operation, args.AttemptNumber + 1, cause, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>The server's requested wait from <c>Retry-After</c> (seconds or HTTP date), never negative.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, IntervalsClientOptions options, TimeProvider timeProvider)
    {
        var idempotent = context.Properties.GetValue(Idempotent, false);
        if (outcome.Exception is { } exception)
        {
            return idempotent && exception is AttemptTimeoutException or HttpRequestException or IOException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => (RetryAfter(response, timeProvider) ?? TimeSpan.Zero) <= options.MaxRetryAfter,
            HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => idempotent,
            _ => false,
        };
    }
}

/// <summary>One HTTP attempt took longer than <see cref="IntervalsClientOptions.RequestTimeout"/>.</summary>
internal sealed class AttemptTimeoutException : Exception
{
    public AttemptTimeoutException()
        : base("The Intervals.icu request timed out.")
    {
    }

    public AttemptTimeoutException(string message)
        : base(message)
    {
    }

    public AttemptTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Source-generated log messages; they name operations and statuses, never credentials or URLs with ids.</summary>
internal static partial class IntervalsClientLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Intervals.icu {Operation} failed ({Cause}); retry {Attempt} in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string cause, double delayMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Intervals.icu {Operation} failed: {Kind} (HTTP {Status})")]
    public static partial void Failed(ILogger logger, string operation, IntervalsErrorKind kind, int? status);
}
