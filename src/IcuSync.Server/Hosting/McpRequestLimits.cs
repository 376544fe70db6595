using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace IcuSync.Server.Hosting;

/// <summary>
/// Caps the size of JSON-RPC bodies on <c>/mcp</c> (Kestrel's own limit is about 28.6 MB, far above any tool call).
/// A declared length over the cap is refused before anything is read; a chunked body is cut off once it passes the cap.
/// Both get 413 with a JSON body naming the limit. Configured by <c>Mcp:MaxRequestBodyBytes</c> (default 1 MiB).
/// </summary>
public sealed partial class McpRequestLimits(RequestDelegate next, long maxBodyBytes, ILogger<McpRequestLimits> logger)
{
    /// <summary>The default cap in bytes: tool arguments are small (a workout text is a few KB).</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    public const string ConfigurationKey = "Mcp:MaxRequestBodyBytes";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/mcp"))
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > maxBodyBytes)
        {
            await RefuseAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBodyBytes;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await RefuseAsync(context);
        }
    }

    private Task RefuseAsync(HttpContext context)
    {
        LogTooLarge(logger, context.Request.ContentLength, maxBodyBytes);
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"The request body is larger than the {maxBodyBytes} bytes IcuSync accepts on /mcp. Send smaller tool arguments (a shorter text, fewer items per call).");
        return context.Response.WriteAsJsonAsync(new { status = StatusCodes.Status413PayloadTooLarge, error = detail }, context.RequestAborted);
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "MCP request refused: body of {ContentLength} bytes over the {MaxBytes}-byte limit")]
    private static partial void LogTooLarge(ILogger logger, long? contentLength, long maxBytes);
}

/// <summary>Registers <see cref="McpRequestLimits"/>.</summary>
public static class McpRequestLimitsSetup
{
    /// <summary>Adds the body-size cap on <c>/mcp</c>; refuses to start when <c>Mcp:MaxRequestBodyBytes</c> is not a positive number.</summary>
    public static IApplicationBuilder UseMcpRequestLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var max = configuration.GetValue(McpRequestLimits.ConfigurationKey, McpRequestLimits.DefaultMaxBodyBytes);
        if (max < 1024)
        {
            throw new InvalidOperationException(
                $"{McpRequestLimits.ConfigurationKey} must be at least 1024 bytes (default {McpRequestLimits.DefaultMaxBodyBytes.ToString(CultureInfo.InvariantCulture)}).");
        }

        return app.UseMiddleware<McpRequestLimits>(max);
    }
}
