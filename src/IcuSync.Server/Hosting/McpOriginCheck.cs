using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IcuSync.Server.Hosting;

/// <summary>
/// DNS-rebinding protection on <c>/mcp</c> (MCP Streamable HTTP transport: servers must validate <c>Origin</c>).
/// A request that carries an <c>Origin</c> is served only when that origin is the server's own <c>PublicBaseUrl</c>,
/// a loopback origin, or listed in <c>Mcp:AllowedOrigins</c>; any other gets 403. Requests without <c>Origin</c>
/// (MCP clients that are not browsers: Claude's connector, the SDKs, curl) pass. When the server listens on loopback
/// only and no <c>AllowedHosts</c> is configured, the <c>Host</c> must also be a loopback name or the
/// <c>PublicBaseUrl</c> host, since a rebinding page reaches a loopback server under its own host name.
/// Web pages, sign-in callbacks and health checks are not affected.
/// </summary>
public sealed partial class McpOriginCheck(RequestDelegate next, McpOriginPolicy policy, IServer server, ILogger<McpOriginCheck> logger)
{
    private bool? loopbackOnly;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/mcp"))
        {
            await next(context);
            return;
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !policy.AllowsOrigin(origin))
        {
            var shown = Clip(origin);
            LogOriginRefused(logger, shown);
            await RefuseAsync(context,
                $"Forbidden: requests from the web origin '{shown}' may not use this MCP endpoint (DNS-rebinding protection). " +
                $"MCP clients that are not browsers send no Origin header and are not affected. To allow a browser-based client, " +
                $"add its origin to {McpOriginPolicy.AllowedOriginsKey} (e.g. https://app.example.com).");
            return;
        }

        if (policy.CheckHost && (loopbackOnly ??= ListensOnLoopbackOnly(server)) && !policy.AllowsHost(context.Request.Host.Host))
        {
            var shown = Clip(context.Request.Host.Host);
            LogHostRefused(logger, shown);
            await RefuseAsync(context,
                $"Forbidden: the Host '{shown}' does not name this server (DNS-rebinding protection). IcuSync listens on loopback only " +
                $"and accepts localhost, 127.0.0.1, [::1] and the {McpOriginPolicy.PublicBaseUrlKey} host; if it is reached under another " +
                "name, set AllowedHosts to that name (e.g. icusync.example.com) or set PublicBaseUrl.");
            return;
        }

        await next(context);
    }

    private static Task RefuseAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;

        // The shape of the SDK's own 403 (a JSON-RPC error without an id), so MCP clients show the message.
        return context.Response.WriteAsJsonAsync(
            new { jsonrpc = "2.0", id = (object?)null, error = new { code = -32000, message } },
            context.RequestAborted);
    }

    private static bool ListensOnLoopbackOnly(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return false;
        }

        // Kestrel reports bound addresses as URLs; "*", "+" and "0.0.0.0" are not loopback hosts.
        return addresses.All(address => McpOriginPolicy.IsLoopbackHost(BindingAddress.Parse(address).Host));
    }

    private static string Clip(string value) => value.Length <= 100 ? value : value[..100] + "…";

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "MCP request refused: origin {Origin} is not allowed")]
    private static partial void LogOriginRefused(ILogger logger, string origin);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "MCP request refused: host {Host} does not name this loopback server")]
    private static partial void LogHostRefused(ILogger logger, string host);
}

/// <summary>Which origins and hosts <see cref="McpOriginCheck"/> accepts; read from configuration at start-up.</summary>
public sealed class McpOriginPolicy
{
    public const string AllowedOriginsKey = "Mcp:AllowedOrigins";

    public const string PublicBaseUrlKey = "PublicBaseUrl";

    private readonly HashSet<string> origins;
    private readonly bool anyOrigin;
    private readonly string? publicHost;

    private McpOriginPolicy(HashSet<string> origins, bool anyOrigin, string? publicHost, bool checkHost)
    {
        this.origins = origins;
        this.anyOrigin = anyOrigin;
        this.publicHost = publicHost;
        CheckHost = checkHost;
    }

    /// <summary>True when no <c>AllowedHosts</c> is configured, so this check guards the Host of a loopback server.</summary>
    public bool CheckHost { get; }

    /// <summary>
    /// Reads <c>PublicBaseUrl</c>, <c>Mcp:AllowedOrigins</c> (a list, or one string separated by <c>;</c> or <c>,</c>;
    /// <c>*</c> allows every origin) and <c>AllowedHosts</c>. Throws with the setting's name and an accepted example
    /// when an entry is not an http(s) origin.
    /// </summary>
    public static McpOriginPolicy From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var origins = new HashSet<string>(StringComparer.Ordinal);
        string? publicHost = null;
        var publicUrl = configuration[PublicBaseUrlKey] ?? configuration[$"{PublicBaseUrlKey}:BaseUrl"];
        if (publicUrl is { Length: > 0 } && ParseOrigin(publicUrl) is { } own)
        {
            origins.Add(Key(own));
            publicHost = own.IdnHost;
        }

        var anyOrigin = false;
        foreach (var entry in Entries(configuration.GetSection(AllowedOriginsKey)))
        {
            if (entry == "*")
            {
                anyOrigin = true;
            }
            else if (ParseOrigin(entry) is { AbsolutePath: "/", Query.Length: 0 } origin)
            {
                origins.Add(Key(origin));
            }
            else
            {
                throw new InvalidOperationException(
                    $"{AllowedOriginsKey} entry '{entry}' is not a web origin. Use scheme://host[:port] without a path, e.g. 'https://app.example.com;http://localhost:6274', or '*' to allow every origin.");
            }
        }

        var allowedHosts = configuration["AllowedHosts"];
        return new McpOriginPolicy(origins, anyOrigin, publicHost, checkHost: string.IsNullOrWhiteSpace(allowedHosts));
    }

    /// <summary>True for the public origin, a loopback origin, a listed origin, or every origin when <c>*</c> is listed.</summary>
    public bool AllowsOrigin(string origin)
    {
        if (anyOrigin)
        {
            return true;
        }

        // "null" (sandboxed frames, file: pages) and anything unparsable are refused.
        return ParseOrigin(origin) is { } uri && (origins.Contains(Key(uri)) || IsLoopbackHost(uri.IdnHost));
    }

    /// <summary>True for loopback names and addresses and the <c>PublicBaseUrl</c> host.</summary>
    public bool AllowsHost(string host) =>
        IsLoopbackHost(host) || (publicHost is not null && string.Equals(host.Trim('[', ']'), publicHost.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    /// <summary><c>localhost</c>, a <c>*.localhost</c> name (browsers resolve these to loopback themselves), or a loopback address.</summary>
    public static bool IsLoopbackHost(string host)
    {
        var bare = host.Trim().Trim('[', ']').TrimEnd('.');
        return bare.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>The value as an absolute http(s) URI with a host and no user info, or null when it is not one.</summary>
    private static Uri? ParseOrigin(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.IdnHost.Length > 0 && uri.UserInfo.Length == 0
            ? uri
            : null;

    /// <summary>The origin's comparison key: <c>scheme://host:port</c> in lower case with the port spelled out.</summary>
    private static string Key(Uri origin) =>
        $"{origin.Scheme}://{origin.IdnHost.ToLowerInvariant()}:{origin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private static IEnumerable<string> Entries(IConfigurationSection section)
    {
        var values = section.Value is { Length: > 0 } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return values
            .SelectMany(v => v.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(v => v.Length > 0);
    }
}

/// <summary>Registers <see cref="McpOriginCheck"/>.</summary>
public static class McpOriginCheckSetup
{
    /// <summary>Adds the Origin/Host check on <c>/mcp</c>; refuses to start when <c>Mcp:AllowedOrigins</c> holds something that is not an origin.</summary>
    public static IApplicationBuilder UseMcpOriginCheck(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var policy = McpOriginPolicy.From(app.ApplicationServices.GetRequiredService<IConfiguration>());
        return app.UseMiddleware<McpOriginCheck>(policy);
    }
}
