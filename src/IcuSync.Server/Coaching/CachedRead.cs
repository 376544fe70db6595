using System.Buffers;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IcuSync.Intervals;
using Microsoft.Extensions.Caching.Hybrid;

namespace IcuSync.Server.Coaching;

/// <summary>
/// One cached Intervals.icu read. HybridCache hands out the stored instance from its in-memory level only for a type it
/// knows to be immutable (sealed and <c>[ImmutableObject(true)]</c>); for anything else — a list of DTOs — it
/// deserializes a fresh copy on every hit, which was most of the CPU of a cached tool call. The DTOs are records with
/// init-only members and read-only collections, and no caller changes what a read returns, so one shared instance is
/// safe. The Redis level stores the inner value as JSON through <see cref="CachedReadSerializerFactory"/>.
/// </summary>
[ImmutableObject(true)]
public sealed class CachedRead<T>(T value)
{
    public T Value { get; } = value;
}

/// <summary>
/// Serializes a <see cref="CachedRead{T}"/> as its inner value, with the Intervals.icu client's own JSON settings
/// (lenient converters, extension data), so an entry read back from Redis equals the one the client produced.
/// Registered explicitly: left to HybridCache's default serializer, the wrapper never reached the second level.
/// </summary>
internal sealed class CachedReadSerializerFactory : IHybridCacheSerializerFactory
{
    // The source-generated context covers the DTOs and List<T> of them; the reflection resolver adds the
    // IReadOnlyList<T> shapes the reads are typed as, and still takes each DTO's metadata from the context.
    internal static readonly JsonSerializerOptions Options = new(IntervalsJsonContext.Default.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(IntervalsJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public bool TryCreateSerializer<T>([NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        var type = typeof(T);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(CachedRead<>))
        {
            var inner = typeof(CachedReadSerializer<>).MakeGenericType(type.GetGenericArguments()[0]);
            serializer = (IHybridCacheSerializer<T>)Activator.CreateInstance(inner)!;
            return true;
        }

        serializer = null;
        return false;
    }
}

internal sealed class CachedReadSerializer<T> : IHybridCacheSerializer<CachedRead<T>>
{
    private readonly JsonTypeInfo<T> _typeInfo = (JsonTypeInfo<T>)CachedReadSerializerFactory.Options.GetTypeInfo(typeof(T));

    public CachedRead<T> Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        return new CachedRead<T>(JsonSerializer.Deserialize(ref reader, _typeInfo)!);
    }

    public void Serialize(CachedRead<T> value, IBufferWriter<byte> target)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, value.Value, _typeInfo);
    }
}
