using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using IcuSync.Server.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace IcuSync.Server.Tests.Security;

/// <summary>
/// Property-based fuzzing of tool-argument binding through the real MCP client: random JSON values (strings, numbers,
/// huge numbers, nulls, arrays, objects) for every parameter of every classic read tool always end in a tool result,
/// an error or not, never a protocol exception or a 5xx.
/// </summary>
public sealed class ToolArgumentFuzzTests(ManyCallsHostFixture fixture) : IClassFixture<ManyCallsHostFixture>
{
    private const int Iterations = 100;

    private static readonly Gen<JsonNode?> Scalar = Gen.Frequency<JsonNode?>(
        (1, Gen.Const((JsonNode?)null)),
        (3, Gen.String.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.OneOf("2024-01-01", "2024-02-30", "0001-01-01", "9999-12-31", "today", "-1", "i1001", "i1002", "Ada Cyclist", "Ride", "", " ", "week", "power", "12345678901")
            .Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Int[-5, 400].Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Double[-1e12, 1e12].Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.OneOf("1e308", "-1e308", "123456789012345678901234567890", "1.0000000000000000000000001", "-0", "4.9e-324")
            .Select(raw => JsonNode.Parse(raw))));

    private static readonly Gen<JsonNode?> Value = Gen.Frequency<JsonNode?>(
        (8, Scalar),
        (1, Scalar.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items]))),
        (1, Gen.Select(Gen.String[0, 8], Scalar).Array[0, 3].Select(pairs =>
        {
            var obj = new JsonObject();
            foreach (var (key, value) in pairs)
            {
                obj[key] = value;
            }

            return (JsonNode?)obj;
        })));

    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task Random_JSON_arguments_for_every_read_tool_always_get_a_tool_result()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));
        var tools = (await client.ListToolsAsync())
            .Where(t => t.ProtocolTool.Annotations?.ReadOnlyHint == true)
            .Select(t => (t.Name, Parameters: t.ProtocolTool.InputSchema.TryGetProperty("properties", out var p)
                ? p.EnumerateObject().Select(x => x.Name).ToArray()
                : []))
            .ToList();
        Assert.True(tools.Count >= 10, $"Only {tools.Count} read tools are listed.");

        var calls = Gen.Int[0, tools.Count - 1].SelectMany(index =>
        {
            var (name, parameters) = tools[index];
            var extra = Gen.Frequency((4, Gen.Const((string?)null)), (1, Gen.String[1, 12].Select(s => (string?)s)));
            return Gen.Select(Gen.Bool.Array[parameters.Length], Value.Array[parameters.Length], extra, Value)
                .Select((use, values, extraName, extraValue) =>
                {
                    var args = new Dictionary<string, object?>(StringComparer.Ordinal);
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        if (use[i])
                        {
                            args[parameters[i]] = values[i];
                        }
                    }

                    if (extraName is not null && !args.ContainsKey(extraName))
                    {
                        args[extraName] = extraValue;
                    }

                    return new FuzzCall(name, args);
                });
        });

        var answered = 0;
        await calls.SampleAsync(async call =>
        {
            try
            {
                var result = await client.CallToolAsync(call.Tool, call.Arguments);
                Assert.NotEmpty(result.Content);
                Attack.AssertNoStackTrace(result.Text());
                Interlocked.Increment(ref answered);
            }
            catch (McpProtocolException error)
            {
                Assert.Fail($"{call}: a protocol error instead of a tool result: {error.Message}");
            }
            catch (HttpRequestException error)
            {
                Assert.Fail($"{call}: HTTP failure {error.StatusCode}: {error.Message}");
            }
        }, iter: Iterations, threads: 1, print: call => call.ToString());

        Assert.True(answered >= Iterations, $"Only {answered} of {Iterations} calls were answered.");
        Assert.True(await Attack.PingAnsweredAsync(Host.DemoUrl("direct coach")));
    }

    private sealed record FuzzCall(string Tool, Dictionary<string, object?> Arguments)
    {
        public override string ToString() => $"{Tool}({JsonSerializer.Serialize(Arguments)})";
    }
}
