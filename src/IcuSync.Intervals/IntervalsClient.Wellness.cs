using System.Globalization;

namespace IcuSync.Intervals;

public sealed partial class IntervalsClient
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<WellnessDto>> ListWellnessAsync(
        IntervalsCredential credential,
        string athleteId,
        DateOnly oldest,
        DateOnly newest,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        CheckRange(oldest, newest);
        var request = new IntervalsRequest(IntervalsEndpoints.ListWellness)
            .Path("id", RequireAthleteId(athleteId))
            .Query("oldest", oldest)
            .Query("newest", newest);
        return await SendAsync(request, credential, IntervalsJsonContext.Default.ListWellnessDto, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<WellnessDto> GetWellnessAsync(IntervalsCredential credential, string athleteId, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.GetWellness)
            .Path("id", RequireAthleteId(athleteId))
            .Path("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return SendAsync(request, credential, IntervalsJsonContext.Default.WellnessDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WellnessDto> UpdateWellnessAsync(
        IntervalsCredential credential,
        string athleteId,
        DateOnly date,
        WellnessDto changes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Id is { } id && id != date)
        {
            throw Invalid($"The record's 'id' ({id:yyyy-MM-dd}) differs from 'date' ({date:yyyy-MM-dd}); leave 'id' empty or make them equal.");
        }

        CheckScale(changes.Soreness, "soreness", 0, 4);
        CheckScale(changes.Fatigue, "fatigue", 0, 4);
        CheckScale(changes.Stress, "stress", 0, 4);
        CheckScale(changes.Mood, "mood", 1, 4);
        CheckScale(changes.Motivation, "motivation", 1, 4);
        CheckScale(changes.SleepQuality, "sleepQuality", 1, 4);
        CheckScale(changes.Injury, "injury", 1, 4);
        if (changes.Weight is <= 0 or > 400)
        {
            throw Invalid($"'weight' is {changes.Weight}; expected kilograms between 1 and 400.");
        }

        var request = new IntervalsRequest(IntervalsEndpoints.UpdateWellness)
            .Path("id", RequireAthleteId(athleteId))
            .Path("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Json(changes with { Id = date }, IntervalsJsonContext.Default.WellnessDto);
        return SendAsync(request, credential, IntervalsJsonContext.Default.WellnessDto, cancellationToken);
    }

    private static void CheckScale(int? value, string field, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw Invalid($"'{field}' is {v}; expected {min} to {max}.");
        }
    }

    private static void CheckRange(DateOnly oldest, DateOnly newest)
    {
        if (newest < oldest)
        {
            throw Invalid($"'newest' ({newest:yyyy-MM-dd}) is before 'oldest' ({oldest:yyyy-MM-dd}). Give the range oldest first.");
        }
    }
}
