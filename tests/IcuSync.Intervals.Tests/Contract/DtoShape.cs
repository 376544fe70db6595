using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Intervals.Tests.Contract;

/// <summary>The wire view of a DTO type, read by reflection: its JSON properties and the schemas it claims to mirror.</summary>
public static class DtoShape
{
    public static IReadOnlyList<string> SchemasOf(Type dto) =>
        dto.GetCustomAttribute<WireSchemaAttribute>()?.Schemas ?? [];

    /// <summary>Public instance properties that take part in JSON (not ignored, not the extension-data bag).</summary>
    public static IEnumerable<PropertyInfo> WireProperties(Type dto) =>
        dto.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null
                && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null
                && p.GetIndexParameters().Length == 0
                && p.Name != "EqualityContract");

    public static string? WireName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;

    /// <summary>Element type for lists/arrays, value type for dictionaries, underlying type for nullables; else the type itself.</summary>
    public static Type Unwrap(Type type, out string shape)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            shape = "scalar";
            return underlying;
        }

        if (type != typeof(string) && type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>))
            {
                shape = "map";
                return type.GetGenericArguments()[1];
            }

            if (definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) || definition == typeof(IReadOnlyCollection<>))
            {
                shape = "array";
                return type.GetGenericArguments()[0];
            }
        }

        shape = "scalar";
        return type;
    }

    public static bool IsDto(Type type) => type.GetCustomAttribute<WireSchemaAttribute>() is not null;

    public static bool IsJsonElement(Type type) => type == typeof(JsonElement) || Nullable.GetUnderlyingType(type) == typeof(JsonElement);

    /// <summary>Every DTO reachable from <paramref name="roots"/> through wire properties.</summary>
    public static IReadOnlySet<Type> Reachable(IEnumerable<Type> roots)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(roots.Where(IsDto));
        while (queue.Count > 0)
        {
            var type = queue.Dequeue();
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var property in WireProperties(type))
            {
                var inner = Unwrap(property.PropertyType, out _);
                inner = Unwrap(inner, out _);
                if (IsDto(inner))
                {
                    queue.Enqueue(inner);
                }
            }
        }

        return seen;
    }
}
