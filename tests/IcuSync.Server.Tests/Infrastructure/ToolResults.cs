using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Tests.Infrastructure;

public static class ToolResults
{
    /// <summary>The structured content of a successful call; fails the test with the tool's own text otherwise.</summary>
    public static JsonElement Structured(this CallToolResult result)
    {
        Assert.True(result.IsError != true, "Tool returned an error: " + result.Text());
        Assert.NotNull(result.StructuredContent);
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }

    public static string Text(this CallToolResult result) =>
        string.Join('\n', result.Content.OfType<TextContentBlock>().Select(b => b.Text));
}
