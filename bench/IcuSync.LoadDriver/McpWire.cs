using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace IcuSync.LoadDriver;

/// <summary>How one MCP call ended, as the driver counts it.</summary>
internal enum CallOutcome
{
    Ok,
    HttpError,
    RpcError,
    ToolError,
    Unreadable,
    Exception,
}

/// <summary>JSON-RPC over MCP Streamable HTTP: request bodies and headers, and reading SSE or JSON answers.</summary>
internal static class McpWire
{
    private static readonly MediaTypeWithQualityHeaderValue JsonAccept = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue SseAccept = new("text/event-stream");
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    /// <summary>A <c>tools/call</c> request; <paramref name="argumentsJson"/> must be a JSON object.</summary>
    public static byte[] ToolCallBody(string tool, string argumentsJson)
    {
        using var document = ParseArguments(argumentsJson);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", 1);
            writer.WriteString("method", "tools/call");
            writer.WriteStartObject("params");
            writer.WriteString("name", tool);
            writer.WritePropertyName("arguments");
            document.RootElement.WriteTo(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] ListToolsBody() => """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}"""u8.ToArray();

    /// <summary>A POST with the headers the MCP SDK requires (it answers 406 unless both media types are accepted).</summary>
    public static HttpRequestMessage Post(Uri url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content, Version = new Version(1, 1) };
        request.Headers.Accept.Add(JsonAccept);
        request.Headers.Accept.Add(SseAccept);
        return request;
    }

    /// <summary>The JSON-RPC message in an answer: the first SSE event's data, or the whole body when it is plain JSON.</summary>
    public static ReadOnlyMemory<byte> Payload(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var start = 0;
        while (start < span.Length && span[start] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
        {
            start++;
        }

        if (start < span.Length && span[start] is (byte)'{' or (byte)'[')
        {
            return body[start..];
        }

        // SSE: lines "field: value"; one event ends at a blank line. The SDK writes the message on one data line.
        List<ReadOnlyMemory<byte>>? parts = null;
        var position = 0;
        while (position < span.Length)
        {
            var end = span[position..].IndexOf((byte)'\n');
            var lineEnd = end < 0 ? span.Length : position + end;
            var line = body[position..lineEnd];
            if (line.Length > 0 && line.Span[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            position = lineEnd + 1;
            if (line.Length == 0)
            {
                if (parts is not null)
                {
                    break;
                }

                continue;
            }

            if (line.Span.StartsWith("data:"u8))
            {
                var value = line[5..];
                if (value.Length > 0 && value.Span[0] == (byte)' ')
                {
                    value = value[1..];
                }

                (parts ??= []).Add(value);
            }
        }

        if (parts is null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        var joined = new List<byte>();
        foreach (var part in parts)
        {
            if (joined.Count > 0)
            {
                joined.Add((byte)'\n');
            }

            joined.AddRange(part.Span);
        }

        return joined.ToArray();
    }

    /// <summary>Classifies a JSON-RPC answer without building a DOM: an <c>error</c> member, or <c>result.isError: true</c>.</summary>
    public static CallOutcome Classify(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return CallOutcome.Unreadable;
        }

        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return CallOutcome.Unreadable;
            }

            var sawResult = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("error"u8))
                {
                    return CallOutcome.RpcError;
                }

                var isResult = reader.ValueTextEquals("result"u8);
                reader.Read();
                if (isResult && reader.TokenType == JsonTokenType.StartObject)
                {
                    sawResult = true;
                    var depth = reader.CurrentDepth;
                    while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
                    {
                        if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("isError"u8))
                        {
                            reader.Read();
                            if (reader.TokenType == JsonTokenType.True)
                            {
                                return CallOutcome.ToolError;
                            }
                        }
                        else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            return sawResult ? CallOutcome.Ok : CallOutcome.Unreadable;
        }
        catch (JsonException)
        {
            return CallOutcome.Unreadable;
        }
    }

    /// <summary>A short, token-free description of a failed answer for the error sample.</summary>
    public static string Describe(int status, ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)]);
        var mcp = text.IndexOf("/mcp/", StringComparison.Ordinal);
        return $"HTTP {status}: {(mcp < 0 ? text : text[..mcp] + "/mcp/…")}".ReplaceLineEndings(" ");
    }

    private static JsonDocument ParseArguments(string argumentsJson)
    {
        try
        {
            var document = JsonDocument.Parse(argumentsJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new DriverUsageException($"--args must be a JSON object, e.g. '{{}}' or '{{\"message\":\"hi\"}}'; got '{argumentsJson}'.");
            }

            return document;
        }
        catch (JsonException error)
        {
            throw new DriverUsageException($"--args is not valid JSON ({error.Message}). Use e.g. '{{}}' or '{{\"message\":\"hi\"}}'.");
        }
    }
}
