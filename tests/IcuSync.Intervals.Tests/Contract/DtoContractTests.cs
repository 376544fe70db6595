using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Intervals.Tests.Contract;

/// <summary>
/// Every DTO the client reads or writes, checked against the schemas it claims to mirror: each JSON property name
/// exists there, its C# type fits the declared JSON type, and nested DTOs mirror the schema the spec references.
/// </summary>
public sealed class DtoContractTests
{
    private static OpenApiSpec Spec => OpenApiSpec.Instance;

    private static IReadOnlySet<Type> UsedDtos { get; } = DtoShape.Reachable(
        IntervalsEndpoints.All.SelectMany(e => new[] { e.RequestBody, e.ResponseBody }).OfType<Type>());

    public static TheoryData<string> Dtos()
    {
        var data = new TheoryData<string>();
        foreach (var type in UsedDtos.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            data.Add(type.Name);
        }

        return data;
    }

    private static Type Dto(string name) => UsedDtos.Single(t => t.Name == name);

    [Fact]
    public void Every_public_dto_is_used_by_some_endpoint()
    {
        var declared = typeof(IIntervalsClient).Assembly.GetExportedTypes().Where(DtoShape.IsDto).ToHashSet();

        Assert.Empty(declared.Except(UsedDtos).Select(t => t.Name));
        Assert.True(UsedDtos.Count >= 25, $"Only {UsedDtos.Count} DTOs reachable.");
    }

    [Theory]
    [MemberData(nameof(Dtos))]
    public void Dto_is_a_sealed_record_mirroring_existing_schemas(string name)
    {
        var type = Dto(name);
        var schemas = DtoShape.SchemasOf(type);

        Assert.True(type.IsSealed, $"{name} must be sealed.");
        Assert.NotNull(type.GetMethod("<Clone>$"));
        Assert.NotEmpty(schemas);
        Assert.All(schemas, s => Assert.True(Spec.HasSchema(s), $"{name} claims schema '{s}', which the spec does not define."));
    }

    [Theory]
    [MemberData(nameof(Dtos))]
    public void Every_json_property_is_named_explicitly_and_exists_in_the_schema(string name)
    {
        var type = Dto(name);
        var schemaProperties = SchemaProperties(type);

        foreach (var property in DtoShape.WireProperties(type))
        {
            var wire = DtoShape.WireName(property);
            Assert.True(wire is not null, $"{name}.{property.Name} has no [JsonPropertyName]; wire names must be explicit.");
            Assert.True(schemaProperties.ContainsKey(wire!),
                $"{name}.{property.Name} reads '{wire}', which none of {string.Join(", ", DtoShape.SchemasOf(type))} declares.");
        }
    }

    [Theory]
    [MemberData(nameof(Dtos))]
    public void Every_property_type_fits_the_json_type_the_spec_declares(string name)
    {
        var type = Dto(name);
        var schemaProperties = SchemaProperties(type);

        foreach (var property in DtoShape.WireProperties(type))
        {
            if (DtoShape.WireName(property) is not { } wire || !schemaProperties.TryGetValue(wire, out var declared))
            {
                continue; // reported by Every_json_property_is_named_explicitly_and_exists_in_the_schema
            }

            var problem = Mismatch(property, property.PropertyType, declared);
            Assert.True(problem is null, $"{name}.{property.Name} ('{wire}'): {problem}");
        }
    }

    [Theory]
    [MemberData(nameof(Dtos))]
    public void Every_property_is_nullable_so_explicit_nulls_never_fail_a_response(string name)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var property in DtoShape.WireProperties(Dto(name)))
        {
            var nullable = !property.PropertyType.IsValueType
                ? nullability.Create(property).ReadState != NullabilityState.NotNull
                : Nullable.GetUnderlyingType(property.PropertyType) is not null;
            Assert.True(nullable, $"{name}.{property.Name} is not nullable.");
        }
    }

    [Theory]
    [MemberData(nameof(Dtos))]
    public void Dto_has_source_generated_metadata(string name)
    {
        var type = Dto(name);

        Assert.NotNull(IntervalsJsonContext.Default.GetTypeInfo(type));
    }

    [Fact]
    public void Collections_the_client_reads_and_writes_have_source_generated_metadata()
    {
        foreach (var endpoint in IntervalsEndpoints.All)
        {
            foreach (var (dto, isArray) in new[] { (endpoint.RequestBody, endpoint.RequestIsArray), (endpoint.ResponseBody, endpoint.ResponseIsArray) })
            {
                if (dto is null)
                {
                    continue;
                }

                var wire = isArray ? typeof(List<>).MakeGenericType(dto) : dto;
                Assert.True(IntervalsJsonContext.Default.GetTypeInfo(wire) is not null, $"{endpoint.OperationId}: no metadata for {wire}.");
            }
        }
    }

    private static Dictionary<string, JsonElement> SchemaProperties(Type dto)
    {
        var merged = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var schema in DtoShape.SchemasOf(dto))
        {
            foreach (var (key, value) in Spec.Properties(schema))
            {
                merged.TryAdd(key, value);
            }
        }

        return merged;
    }

    /// <summary>Null when <paramref name="type"/> can hold what <paramref name="schema"/> describes; else why not.</summary>
    private static string? Mismatch(PropertyInfo property, Type type, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = OpenApiSpec.RefName(reference.GetString()!);
            var dto = Nullable.GetUnderlyingType(type) ?? type;
            return DtoShape.IsDto(dto) && DtoShape.SchemasOf(dto).Contains(target)
                ? null
                : $"the spec references schema {target}; {type.Name} does not mirror it.";
        }

        var jsonType = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        var inner = DtoShape.Unwrap(type, out var shape);
        var hasConverter = property.GetCustomAttribute<JsonConverterAttribute>() is not null;

        switch (jsonType)
        {
            case "array":
                if (shape != "array")
                {
                    return $"the spec declares an array; {type.Name} is not a list.";
                }

                return schema.TryGetProperty("items", out var items) ? Mismatch(property, inner, items) : null;
            case "object":
                if (schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object
                    && values.TryGetProperty("$ref", out _))
                {
                    return shape == "map" ? Mismatch(property, inner, values) : $"the spec declares a map; {type.Name} is not a dictionary.";
                }

                return DtoShape.IsJsonElement(type) || hasConverter || DtoShape.IsDto(inner)
                    ? null
                    : $"the spec declares a free-form object; use JsonElement or a DTO, not {type.Name}.";
            case "string":
                return inner == typeof(string) || inner == typeof(DateTime) || inner == typeof(DateTimeOffset) || inner == typeof(DateOnly)
                    ? null
                    : $"the spec declares a string; {inner.Name} cannot hold it.";
            case "integer":
                return inner == typeof(int) || inner == typeof(long)
                    ? null
                    : $"the spec declares an integer; use int/long, not {inner.Name}.";
            case "number":
                return inner == typeof(double) || inner == typeof(float) || inner == typeof(decimal)
                    ? null
                    : $"the spec declares a (fractional) number; {inner.Name} would lose the fraction.";
            case "boolean":
                return inner == typeof(bool) ? null : $"the spec declares a boolean; {inner.Name} cannot hold it.";
            default:
                return DtoShape.IsJsonElement(type) || hasConverter ? null : $"the spec gives no type; use JsonElement, not {type.Name}.";
        }
    }
}
