using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IcuSync.Server.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as its UTC ticks (100 ns units since 0001-01-01 UTC).</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
