using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Mcp;

/// <summary>
/// The MCP server options, built once. The SDK's stateless HTTP handler reads them through
/// <see cref="IOptionsSnapshot{TOptions}"/>, which rebuilt them for every request: every tool, prompt and resource
/// collected into new collections and every filter added again, for options that never differ between requests
/// (IcuSync sets no per-session options; what differs per caller is decided in the request filters).
/// </summary>
internal sealed class SharedServerOptions(IOptionsMonitor<McpServerOptions> options) : IOptionsSnapshot<McpServerOptions>
{
    public McpServerOptions Value => options.CurrentValue;

    public McpServerOptions Get(string? name) => options.Get(name);
}
