using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace IcuSync.Intervals;

/// <summary>
/// The Intervals.icu REST client. Use it through DI (<c>services.AddIntervalsClient(…)</c>) or construct it directly
/// with an <see cref="HttpClient"/> (tests, stdio mode). All requests go through one resilience pipeline and the
/// per-credential <see cref="IntervalsRequestBudget"/>.
/// </summary>
public sealed partial class IntervalsClient : IIntervalsClient, IDisposable
{
    private const int MaxServerTextLength = 200;

    /// <summary>Fields that carry secrets on athlete objects; removed before any DTO leaves the client.</summary>
    private static readonly string[] SecretAthleteFields = ["icu_api_key", "icu_friend_invite_token", "password"];

    private readonly HttpClient _http;
    private readonly IntervalsClientOptions _options;
    private readonly IntervalsRequestBudget _budget;
    private readonly bool _ownsBudget;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>
    /// Creates a client over <paramref name="httpClient"/>. Without <paramref name="options"/>, the HttpClient's
    /// <see cref="HttpClient.BaseAddress"/> (or https://intervals.icu) is used. Without <paramref name="budget"/>, the
    /// client gets a private one, released by <see cref="Dispose"/>; share one budget between clients that may use the
    /// same credential.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names each setting.</exception>
    public IntervalsClient(
        HttpClient httpClient,
        IntervalsClientOptions? options = null,
        IntervalsRequestBudget? budget = null,
        TimeProvider? timeProvider = null,
        ILogger<IntervalsClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        _options = options ?? new IntervalsClientOptions { BaseAddress = httpClient.BaseAddress ?? new Uri("https://intervals.icu") };
        var problems = _options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _ownsBudget = budget is null;
        _budget = budget ?? new IntervalsRequestBudget(_options);
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _pipeline = IntervalsResilience.Build(_options, _time, _logger);
    }

    /// <summary>DI constructor: options, the shared budget, the clock and the logger come from the container.</summary>
    [ActivatorUtilitiesConstructor]
    public IntervalsClient(
        HttpClient httpClient,
        IOptions<IntervalsClientOptions> options,
        IntervalsRequestBudget budget,
        TimeProvider timeProvider,
        ILogger<IntervalsClient> logger)
        : this(httpClient, options.Value, budget, timeProvider, logger)
    {
    }

    /// <summary>The options in force (read-only use).</summary>
    public IntervalsClientOptions Options => _options;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsBudget)
        {
            _budget.Dispose();
        }
    }

    private async Task<T> SendAsync<T>(IntervalsRequest request, IntervalsCredential? credential, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using var response = await ExecuteAsync(request, credential, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(request.Endpoint, response, responseType, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(IntervalsRequest request, IntervalsCredential? credential, CancellationToken cancellationToken)
    {
        using var response = await ExecuteAsync(request, credential, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(IntervalsEndpoint endpoint, HttpResponseMessage response, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(bytes, responseType)
                ?? throw Unreadable(endpoint, "an empty body", null);
        }
        catch (JsonException error)
        {
            throw Unreadable(endpoint, "JSON it could not read", error);
        }
    }

    private IntervalsException Unreadable(IntervalsEndpoint endpoint, string what, Exception? inner)
    {
        IntervalsClientLog.Failed(_logger, endpoint.OperationId, IntervalsErrorKind.UpstreamDown, 200);
        return new IntervalsException(
            IntervalsErrorKind.UpstreamDown,
            $"Intervals.icu answered {endpoint.OperationId} with {what}; the service may be having problems.",
            200, null, endpoint.OperationId, null, inner);
    }

    /// <summary>Sends through the pipeline and returns a successful response, or throws the mapped <see cref="IntervalsException"/>.</summary>
    private async Task<HttpResponseMessage> ExecuteAsync(IntervalsRequest request, IntervalsCredential? credential, Uri? absoluteUri, CancellationToken cancellationToken)
    {
        var endpoint = request.Endpoint;
        if (endpoint.ApiKeyOnly && credential?.Kind == IntervalsCredentialKind.Bearer)
        {
            throw new IntervalsException(
                IntervalsErrorKind.Forbidden,
                $"Intervals.icu accepts only API keys for {endpoint.OperationId} ({endpoint.Method} {endpoint.PathTemplate}); OAuth tokens are refused. Use the coach's personal API key.",
                null, null, endpoint.OperationId, null, null);
        }

        var uri = absoluteUri ?? request.BuildUri(_options.Root);
        using var activity = IntervalsTelemetry.Source.StartActivity("intervals " + endpoint.OperationId, System.Diagnostics.ActivityKind.Internal);
        activity?.SetTag("intervals.operation", endpoint.OperationId);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(IntervalsResilience.Idempotent, endpoint.IsIdempotent);
        context.Properties.Set(IntervalsResilience.Operation, endpoint.OperationId);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                static (ctx, state) => state.Self.SendOnceAsync(state.Request, state.Uri, state.Credential, ctx),
                context,
                (Self: this, Request: request, Uri: uri, Credential: credential)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException error) when (!cancellationToken.IsCancellationRequested)
        {
            var lastStatus = context.Properties.GetValue(IntervalsResilience.LastStatus, 0);
            throw Fail(endpoint, lastStatus switch
            {
                429 => IntervalsErrorKind.RateLimited,
                >= 500 => IntervalsErrorKind.UpstreamDown,
                _ => IntervalsErrorKind.Timeout,
            }, lastStatus == 0 ? null : lastStatus, $"gave up after the overall budget of {Seconds(_options.TotalTimeout)}", error);
        }
        catch (AttemptTimeoutException error)
        {
            throw Fail(endpoint, IntervalsErrorKind.Timeout, null, $"no answer within {Seconds(_options.RequestTimeout)}", error);
        }
        catch (HttpRequestException error)
        {
            throw Fail(endpoint, IntervalsErrorKind.UpstreamDown, null, "the connection failed or was dropped", error);
        }
        catch (IOException error)
        {
            throw Fail(endpoint, IntervalsErrorKind.UpstreamDown, null, "the connection failed or was dropped", error);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(endpoint, response, credential, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<HttpResponseMessage> SendOnceAsync(IntervalsRequest request, Uri uri, IntervalsCredential? credential, ResilienceContext context)
    {
        using var lease = await _budget.AcquireAsync(credential, context.CancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new IntervalsException(
                IntervalsErrorKind.RateLimited,
                $"Too many Intervals.icu requests are waiting for this credential ({request.Endpoint.OperationId} was not sent). Ask for less data at once.",
                null, null, request.Endpoint.OperationId, null, null);
        }

        using var attemptTimeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, attemptTimeout.Token);
        using var message = new HttpRequestMessage(request.Endpoint.Method, uri);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (credential is not null)
        {
            message.Headers.Authorization = credential.ToAuthorizationHeader();
        }

        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.BodyMediaType!) { CharSet = "utf-8" };
        }

        var started = _time.GetTimestamp();
        var status = 0;
        try
        {
            var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            context.Properties.Set(IntervalsResilience.LastStatus, status);
            return response;
        }
        catch (OperationCanceledException error) when (attemptTimeout.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            context.Properties.Set(IntervalsResilience.LastStatus, 0);
            throw new AttemptTimeoutException("The Intervals.icu request timed out.", error);
        }
        catch (HttpRequestException)
        {
            context.Properties.Set(IntervalsResilience.LastStatus, 0);
            throw;
        }
        finally
        {
            IntervalsTelemetry.RecordAttempt(request.Endpoint.OperationId, status, _time.GetElapsedTime(started));
        }
    }

    private IntervalsException Fail(IntervalsEndpoint endpoint, IntervalsErrorKind kind, int? status, string detail, Exception? inner, TimeSpan? retryAfter = null)
    {
        IntervalsClientLog.Failed(_logger, endpoint.OperationId, kind, status);
        var lead = kind switch
        {
            IntervalsErrorKind.RateLimited => "Intervals.icu kept rate limiting requests",
            IntervalsErrorKind.UpstreamDown => "Intervals.icu is not reachable",
            _ => "Intervals.icu did not answer in time",
        };
        return new IntervalsException(kind, $"{lead} ({endpoint.OperationId}: {detail}).", status, retryAfter, endpoint.OperationId, null, inner);
    }

    private async Task<IntervalsException> ToExceptionAsync(IntervalsEndpoint endpoint, HttpResponseMessage response, IntervalsCredential? credential, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var serverText = await ReadServerTextAsync(response, credential, cancellationToken).ConfigureAwait(false);
        var retryAfter = status is 429 or 503 ? IntervalsResilience.RetryAfter(response, _time) : null;
        var kind = Classify(endpoint, status, serverText);
        var op = endpoint.OperationId;
        var said = serverText is null ? "" : $": \"{serverText}\"";
        var message = kind switch
        {
            IntervalsErrorKind.Unauthorized when !endpoint.InOpenApi =>
                $"Intervals.icu refused the OAuth code exchange (HTTP {status}{said}). Check the client id and secret; codes are single-use and expire after about 2 minutes, so start the authorization again.",
            IntervalsErrorKind.InvalidRequest when !endpoint.InOpenApi =>
                $"Intervals.icu rejected the OAuth code (HTTP {status}{said}). Codes are single-use and expire after about 2 minutes; start the authorization again.",
            IntervalsErrorKind.Unauthorized =>
                $"Intervals.icu rejected the credential ({op}: HTTP 401{said}). The API key or OAuth token is wrong, expired or revoked.",
            IntervalsErrorKind.Forbidden =>
                $"Intervals.icu denied access ({op}: HTTP 403{said}). This credential cannot reach that athlete or operation (not their coach, a missing OAuth scope, or an API key sent as a bearer token).",
            IntervalsErrorKind.NotFound =>
                $"Intervals.icu has no such item ({op} {endpoint.PathTemplate}: HTTP 404{said}).",
            IntervalsErrorKind.RateLimited =>
                $"Intervals.icu is rate limiting requests ({op}: HTTP 429{(retryAfter is { } wait ? $", retry after {Seconds(wait)}" : "")}).",
            IntervalsErrorKind.StravaRestricted =>
                $"Intervals.icu cannot share this activity because it was imported from Strava ({op}: HTTP {status}{said}).",
            IntervalsErrorKind.Timeout =>
                $"Intervals.icu timed out ({op}: HTTP {status}).",
            IntervalsErrorKind.UpstreamDown =>
                $"Intervals.icu is having problems ({op}: HTTP {status}{said}).",
            _ =>
                $"Intervals.icu rejected the request as invalid ({op}: HTTP {status}{said}).",
        };
        IntervalsClientLog.Failed(_logger, op, kind, status);
        return new IntervalsException(kind, message, status, retryAfter, op, serverText, null);
    }

    private static IntervalsErrorKind Classify(IntervalsEndpoint endpoint, int status, string? serverText)
    {
        if (!endpoint.InOpenApi && status is 401 or 403 or 404)
        {
            // The token endpoint answers 404 "Client and/or secret not found" for bad app credentials.
            return IntervalsErrorKind.Unauthorized;
        }

        return status switch
        {
            401 => IntervalsErrorKind.Unauthorized,
            403 => IntervalsErrorKind.Forbidden,
            404 => IntervalsErrorKind.NotFound,
            408 => IntervalsErrorKind.Timeout,
            429 => IntervalsErrorKind.RateLimited,
            >= 500 => IntervalsErrorKind.UpstreamDown,
            _ when serverText is not null && serverText.Contains("strava", StringComparison.OrdinalIgnoreCase) => IntervalsErrorKind.StravaRestricted,
            _ => IntervalsErrorKind.InvalidRequest,
        };
    }

    /// <summary>The short error text of a failed response (JSON <c>error</c>/<c>message</c>, or a short plain-text body), redacted and trimmed.</summary>
    private static async Task<string?> ReadServerTextAsync(HttpResponseMessage response, IntervalsCredential? credential, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        string? text = null;
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                var error = JsonSerializer.Deserialize(trimmed, IntervalsInternalJsonContext.Default.ErrorBody);
                text = error?.Error is { Length: > 0 } e && error.Message is { Length: > 0 } m && !string.Equals(e, m, StringComparison.Ordinal)
                    && e.Length < 40 && IsGenericReason(e)
                    ? m
                    : error?.Error ?? error?.Message;
            }
            catch (JsonException)
            {
                text = null;
            }
        }
        else if (!trimmed.StartsWith('<') && response.Content.Headers.ContentType?.MediaType is null or "text/plain")
        {
            text = trimmed.Split('\n', 2)[0];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (credential is not null)
        {
            text = credential.Redact(text);
        }

        return text.Length <= MaxServerTextLength ? text : text[..MaxServerTextLength] + "…";
    }

    // Spring's default bodies put the reason phrase in "error" and the detail in "message".
    private static bool IsGenericReason(string error) =>
        error is "Bad Request" or "Unprocessable Entity" or "Not Found" or "Internal Server Error" or "Method Not Allowed";

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds >= 1
            ? $"{Math.Ceiling(span.TotalSeconds).ToString("0", System.Globalization.CultureInfo.InvariantCulture)} s"
            : $"{Math.Ceiling(span.TotalMilliseconds).ToString("0", System.Globalization.CultureInfo.InvariantCulture)} ms";

    private static IntervalsException Invalid(string message) =>
        new(IntervalsErrorKind.InvalidRequest, message);

    /// <summary>Checks an id for a path segment; names the argument and the expected form.</summary>
    private static string RequireId(string? value, string argument, string expected)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid($"'{argument}' is empty. Expected {expected}.");
        }

        var trimmed = value.Trim();
        if (trimmed.Length > 100 || trimmed.Any(c => char.IsWhiteSpace(c) || c is '/' or '\\' or '?' or '#' or '%'))
        {
            throw Invalid($"'{argument}' is not a valid id. Expected {expected}.");
        }

        return trimmed;
    }

    private static string RequireAthleteId(string? athleteId) =>
        RequireId(athleteId, "athleteId", "an Intervals.icu athlete id such as i123456, or 0 for the credential's own athlete");

    private static string RequireActivityId(string? activityId) =>
        RequireId(activityId, "activityId", "an Intervals.icu activity id such as i51234567");

    private static T RemoveSecrets<T>(T dto, Dictionary<string, JsonElement>? fields)
    {
        if (fields is not null)
        {
            foreach (var name in SecretAthleteFields)
            {
                fields.Remove(name);
            }
        }

        return dto;
    }
}
