using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Mcp;

/// <summary>
/// A tool result as every client can show it: structured content (matching the tool's output schema)
/// plus a short human-readable text, because some clients display only one of the two.
/// </summary>
public static class ToolResponse
{
    /// <summary>The parts of a result as <see cref="Coaching.AnswerMemo"/> keeps them: the structured content is immutable, so one copy serves every call.</summary>
    public static Coaching.MemoizedAnswer Memoizable<T>(T structured, string text) =>
        new(JsonSerializer.SerializeToElement(structured, IcuJson.Options), text);

    public static CallToolResult From<T>(T structured, string text) => From(Memoizable(structured, text));

    /// <summary>The result of an answer already serialized (a kept one, or one just made by <see cref="Memoizable"/>).</summary>
    public static CallToolResult From(Coaching.MemoizedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new CallToolResult
        {
            StructuredContent = answer.Structured,
            Content = [new TextContentBlock { Text = answer.Text }],
        };
    }
}
