using IcuSync.Server.Accounts;

namespace IcuSync.Server.Mcp;

/// <summary>Who is calling the MCP endpoint, and through which tool profile.</summary>
public interface ICallerContext
{
    /// <summary>The resolved principal; null only outside an authenticated MCP request.</summary>
    ResolvedPrincipal? Principal { get; }

    /// <summary>The tool profile chosen by the connection URL (<see cref="ToolProfiles"/>).</summary>
    string Profile { get; }
}

/// <summary>The HTTP caller: the token middleware resolved the principal once for this request.</summary>
public sealed class HttpCallerContext(IHttpContextAccessor accessor) : ICallerContext
{
    internal const string PrincipalItem = "icusync.principal";
    internal const string ProfileItem = "icusync.profile";

    public ResolvedPrincipal? Principal => accessor.HttpContext?.Items[PrincipalItem] as ResolvedPrincipal;

    public string Profile => accessor.HttpContext?.Items[ProfileItem] as string ?? ToolProfiles.Classic;
}

/// <summary>The stdio caller: one local athlete, configured by environment variables, with every tool.</summary>
public sealed class FixedCallerContext(ResolvedPrincipal principal, string profile) : ICallerContext
{
    public ResolvedPrincipal? Principal { get; } = principal;

    public string Profile { get; } = profile;
}
