using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OpsConsole.Platform;

/// <summary>Stores an instant as UTC ticks, so both providers can filter and order by it in SQL.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
