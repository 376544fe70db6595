using System.Reflection;
using System.Text.Json;

namespace IcuSync.Intervals.Tests.Contract;

/// <summary>
/// Every endpoint the client calls, checked against the Intervals.icu OpenAPI document: method and path exist,
/// operation ids agree, only declared query parameters are sent, required ones are always sent (or explicitly waived
/// with evidence), and request/response bodies use the DTOs that mirror the schemas the spec names.
/// </summary>
public sealed class EndpointContractTests
{
    private static OpenApiSpec Spec => OpenApiSpec.Instance;

    public static TheoryData<string> SpecEndpoints()
    {
        var data = new TheoryData<string>();
        foreach (var endpoint in IntervalsEndpoints.All.Where(e => e.InOpenApi))
        {
            data.Add(endpoint.OperationId);
        }

        return data;
    }

    private static IntervalsEndpoint Endpoint(string operationId) =>
        IntervalsEndpoints.All.Single(e => e.OperationId == operationId);

    private static JsonElement Operation(IntervalsEndpoint endpoint) =>
        Spec.Operation(endpoint.PathTemplate, endpoint.Method)
        ?? throw new Xunit.Sdk.XunitException($"{endpoint.Method} {endpoint.PathTemplate} ({endpoint.OperationId}) is not in the OpenAPI document.");

    [Fact]
    public void The_spec_is_read_from_the_shared_reference_folder_not_the_repository()
    {
        var path = OpenApiSpec.Instance.FilePath.Replace('\\', '/');

        Assert.EndsWith("/" + OpenApiSpec.RelativePath, path, StringComparison.Ordinal);
        Assert.Equal("Intervals.icu API", Spec.Root.GetProperty("info").GetProperty("title").GetString());
        var repository = FindRepositoryRoot();
        Assert.DoesNotContain(
            Directory.EnumerateFiles(repository, "*.json", SearchOption.AllDirectories),
            f => Path.GetFileName(f).StartsWith("intervals-openapi", StringComparison.OrdinalIgnoreCase)
                && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_catalog_lists_every_endpoint_descriptor_the_client_defines()
    {
        var declared = typeof(IntervalsEndpoints)
            .GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(IntervalsEndpoint))
            .Select(p => (IntervalsEndpoint)p.GetValue(null)!)
            .ToList();

        Assert.Equal(declared.Count, IntervalsEndpoints.All.Count);
        Assert.All(declared, d => Assert.Contains(d, IntervalsEndpoints.All));
        Assert.Equal(IntervalsEndpoints.All.Count, IntervalsEndpoints.All.Select(e => e.OperationId).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(SpecEndpoints))]
    public void Method_and_path_exist_in_the_spec_under_the_same_operation_id(string operationId)
    {
        var endpoint = Endpoint(operationId);
        var operation = Operation(endpoint);

        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        Assert.StartsWith("/api/v1/", endpoint.PathTemplate, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SpecEndpoints))]
    public void Path_parameters_are_the_specs_and_suffixes_are_bare_or_json(string operationId)
    {
        var endpoint = Endpoint(operationId);
        var specPathParameters = OpenApiSpec.Parameters(Operation(endpoint), "path").Select(p => p.GetProperty("name").GetString()).ToHashSet();

        Assert.Equal(specPathParameters.OrderBy(n => n), endpoint.PathParameters.OrderBy(n => n));
        foreach (var (name, value) in endpoint.FixedPathValues)
        {
            Assert.Contains(name, endpoint.PathParameters);
            Assert.True(name is "ext" or "format", $"{operationId}: only format suffixes may be fixed, not '{name}'.");
            Assert.True(value is "" or ".json", $"{operationId}: suffix '{value}' would not return JSON.");
        }
    }

    [Theory]
    [MemberData(nameof(SpecEndpoints))]
    public void Every_query_parameter_the_client_sends_is_declared_by_the_spec(string operationId)
    {
        var endpoint = Endpoint(operationId);
        var declared = OpenApiSpec.Parameters(Operation(endpoint), "query").Select(p => p.GetProperty("name").GetString()).ToHashSet();

        Assert.All(endpoint.QueryParameters, name => Assert.True(declared.Contains(name),
            $"{operationId} sends '{name}', which the spec does not declare (declared: {string.Join(", ", declared)})."));
        Assert.All(endpoint.AlwaysSentQueryParameters, name => Assert.Contains(name, endpoint.QueryParameters));
    }

    [Theory]
    [MemberData(nameof(SpecEndpoints))]
    public void Every_required_query_parameter_is_always_sent_or_waived_with_evidence(string operationId)
    {
        var endpoint = Endpoint(operationId);
        var required = OpenApiSpec.Parameters(Operation(endpoint), "query")
            .Where(p => p.TryGetProperty("required", out var r) && r.GetBoolean())
            .Select(p => p.GetProperty("name").GetString()!)
            .ToList();

        foreach (var name in required)
        {
            var sent = endpoint.AlwaysSentQueryParameters.Contains(name);
            var waived = endpoint.WaivedRequiredQueryParameters.TryGetValue(name, out var reason);
            Assert.True(sent || waived, $"{operationId}: the spec requires '{name}' but the client does not always send it.");
            Assert.False(sent && waived, $"{operationId}: '{name}' is both sent and waived.");
            if (waived)
            {
                Assert.False(string.IsNullOrWhiteSpace(reason));
            }
        }

        Assert.All(endpoint.WaivedRequiredQueryParameters.Keys, name => Assert.True(required.Contains(name),
            $"{operationId}: '{name}' is waived but the spec does not require it."));
    }

    [Theory]
    [MemberData(nameof(SpecEndpoints))]
    public void The_request_body_dto_mirrors_the_schema_the_spec_names(string operationId)
    {
        var endpoint = Endpoint(operationId);
        var schema = OpenApiSpec.RequestSchema(Operation(endpoint));
        if (endpoint.RequestBody is null)
        {
            var required = Operation(endpoint).TryGetProperty("requestBody", out var body)
                && body.TryGetProperty("required", out var r) && r.GetBoolean();
            Assert.False(required, $"{operationId}: the spec requires a body the client does not send.");
            return;
        }

        Assert.True(schema.HasValue, $"{operationId}: the client sends a JSON body the spec does not declare.");
        var (names, isArray) = OpenApiSpec.Referenced(schema.Value);
        Assert.Equal(isArray, endpoint.RequestIsArray);
        Assert.NotEmpty(names);
        var claimed = DtoShape.SchemasOf(endpoint.RequestBody);
        Assert.All(names, n => Assert.True(claimed.Contains(n),
            $"{operationId}: the body is schema {n} but {endpoint.RequestBody.Name} mirrors {string.Join(", ", claimed)}."));
    }

    [Theory]
    [MemberData(nameof(SpecEndpoints))]
    public void The_response_dto_mirrors_the_schema_the_spec_names(string operationId)
    {
        var endpoint = Endpoint(operationId);
        if (endpoint.ResponseBody is null)
        {
            return;
        }

        var schema = OpenApiSpec.ResponseSchema(Operation(endpoint));
        Assert.True(schema.HasValue, $"{operationId}: the client reads a JSON body the spec does not declare.");
        var (names, isArray) = OpenApiSpec.Referenced(schema.Value);
        Assert.Equal(isArray, endpoint.ResponseIsArray);
        Assert.NotEmpty(names);
        var claimed = DtoShape.SchemasOf(endpoint.ResponseBody);
        Assert.All(names, n => Assert.True(claimed.Contains(n),
            $"{operationId}: the response is schema {n} but {endpoint.ResponseBody.Name} mirrors {string.Join(", ", claimed)}."));
    }

    [Theory]
    [MemberData(nameof(SpecEndpoints))]
    public void Only_creates_that_can_duplicate_work_are_marked_not_idempotent(string operationId)
    {
        var endpoint = Endpoint(operationId);

        if (endpoint.Method == HttpMethod.Post)
        {
            // A POST is idempotent here only when it upserts by external id.
            Assert.Equal(endpoint.AlwaysSentQueryParameters.Contains("upsert"), endpoint.IsIdempotent);
        }
        else
        {
            Assert.True(endpoint.IsIdempotent, $"{operationId}: {endpoint.Method} should be retry-safe.");
        }
    }

    [Fact]
    public void Endpoints_the_spec_says_refuse_bearer_tokens_are_marked_api_key_only()
    {
        foreach (var endpoint in IntervalsEndpoints.All.Where(e => e.InOpenApi))
        {
            var operation = Operation(endpoint);
            var text = (operation.TryGetProperty("description", out var d) ? d.GetString() : "") + " "
                + (operation.TryGetProperty("summary", out var s) ? s.GetString() : "");
            var refusesBearer = text.Contains("cannot be called with a bearer token", StringComparison.OrdinalIgnoreCase);
            Assert.True(refusesBearer == endpoint.ApiKeyOnly, $"{endpoint.OperationId}: ApiKeyOnly={endpoint.ApiKeyOnly} but the spec says: {text.Trim()}");
        }
    }

    [Fact]
    public void The_only_off_spec_endpoint_is_the_documented_oauth_code_exchange()
    {
        var offSpec = IntervalsEndpoints.All.Where(e => !e.InOpenApi).ToList();

        var token = Assert.Single(offSpec);
        Assert.Equal("/api/oauth/token", token.PathTemplate);
        Assert.Equal(HttpMethod.Post, token.Method);
        Assert.False(token.IsIdempotent);
        Assert.Null(Spec.Operation(token.PathTemplate, token.Method));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IcuSync.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IcuSync.slnx not found above the test binaries.");
    }
}
