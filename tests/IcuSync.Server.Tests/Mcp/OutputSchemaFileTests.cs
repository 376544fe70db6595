using System.Text.Json;
using IcuSync.Server.Mcp;
using IcuSync.Server.Tests.Infrastructure;

namespace IcuSync.Server.Tests.Mcp;

/// <summary>
/// The tools' output schemas are listed from <c>src/IcuSync.Server/Mcp/OutputSchemas.json</c> instead of being generated at
/// every start. The file must hold exactly what the MCP SDK generates from the result records today: this test
/// generates them and fails while the file differs. Run it with <c>ICUSYNC_UPDATE_OUTPUT_SCHEMAS=1</c> to rewrite the file
/// after changing a result record.
/// </summary>
public sealed class OutputSchemaFileTests
{
    [Fact]
    public void The_stored_output_schemas_are_the_ones_the_sdk_generates_from_the_result_records()
    {
        var marked = OutputSchemas.Marked().ToList();
        var generated = marked.ToDictionary(m => m.ToolName, m => OutputSchemas.Generate(m.ResultType), StringComparer.Ordinal);
        var text = OutputSchemas.Serialize(generated);
        var path = Path.Combine(RepositoryPaths.Root(), "src", "IcuSync.Server", "Mcp", "OutputSchemas.json");
        if (Environment.GetEnvironmentVariable("ICUSYNC_UPDATE_OUTPUT_SCHEMAS") == "1")
        {
            File.WriteAllText(path, text);
        }

        Assert.Equal(15, marked.Count);
        Assert.True(
            text == File.ReadAllText(path).ReplaceLineEndings("\n"),
            $"{path} differs from the schemas generated from the result records. Run this test with ICUSYNC_UPDATE_OUTPUT_SCHEMAS=1 to rewrite it, then rebuild.");
        foreach (var (name, schema) in generated)
        {
            Assert.True(JsonElement.DeepEquals(schema, OutputSchemas.For(name)!.Value), $"The embedded schema of {name} is stale: rebuild after rewriting the file.");
        }
    }
}
