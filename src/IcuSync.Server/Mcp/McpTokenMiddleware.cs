using IcuSync.Server.Accounts;

namespace IcuSync.Server.Mcp;

/// <summary>
/// Resolves the token in <c>/mcp/{token}</c> to a principal before the MCP SDK sees the request.
/// Unknown, revoked or malformed tokens get 401 without reaching the SDK; the token never appears in logs.
/// </summary>
public sealed partial class McpTokenMiddleware(RequestDelegate next, ILogger<McpTokenMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, IPrincipalResolver resolver)
    {
        if (!context.Request.Path.StartsWithSegments("/mcp", out var rest))
        {
            await next(context);
            return;
        }

        var token = rest.HasValue ? rest.Value!.Trim('/') : "";
        if (token.Contains('/', StringComparison.Ordinal))
        {
            token = token[..token.IndexOf('/', StringComparison.Ordinal)];
        }

        var profile = ToolProfiles.Normalize(context.Request.Query["profile"]);
        if (profile is null)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest,
                "Unknown profile. Use ?profile=classic (default) or ?profile=intents in the MCP URL.");
            return;
        }

        var principal = token.Length is > 0 and <= 200
            ? await resolver.ResolveAsync(token, context.RequestAborted)
            : null;
        if (principal is null)
        {
            LogRejected(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            await WriteProblemAsync(context, StatusCodes.Status401Unauthorized,
                "This MCP URL is not valid (unknown, revoked or regenerated token). Get your current URL from the IcuSync dashboard, or use 'Resend my MCP URL'.");
            return;
        }

        context.Items[HttpCallerContext.PrincipalItem] = principal;
        context.Items[HttpCallerContext.ProfileItem] = profile;
        await next(context);
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { status, error = detail }, context.RequestAborted);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "MCP request refused: invalid token (path redacted) from {RemoteIp}")]
    private static partial void LogRejected(ILogger logger, string remoteIp);
}
