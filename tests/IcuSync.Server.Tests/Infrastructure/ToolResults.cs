using System.Globalization;
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

    /// <summary>The element at a path of property names.</summary>
    public static JsonElement At(this JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            element = element.GetProperty(name);
        }

        return element;
    }

    /// <summary>The property, or null when the element has none of that name.</summary>
    public static JsonElement? Optional(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : null;

    /// <summary>A yyyy-MM-dd date property.</summary>
    public static DateOnly Date(this JsonElement element, string property) =>
        DateOnly.ParseExact(element.GetProperty(property).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
