using IcuSync.Intervals;

namespace IcuSync.Server.Accounts;

/// <summary>Reads a coach's roster from Intervals.icu (<c>GET /api/v1/athletes</c>, API keys only).</summary>
internal sealed class IntervalsCoachRosterSource(IIntervalsClient client) : ICoachRosterSource
{
    public async Task<IReadOnlyList<CoachRosterAthlete>> GetRosterAsync(IntervalsCredential credential, CancellationToken cancellationToken)
    {
        var athletes = await client.ListAthletesAsync(credential, cancellationToken);
        return [.. athletes
            .Where(a => !string.IsNullOrWhiteSpace(a.Id))
            .Select(a => new CoachRosterAthlete(a.Id!, DisplayName(a), Permission(a.Permission)))];
    }

    private static string DisplayName(CoachedAthleteDto athlete) =>
        !string.IsNullOrWhiteSpace(athlete.Name) ? athlete.Name.Trim()
        : string.Join(' ', new[] { athlete.FirstName, athlete.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } full ? full
        : athlete.Id!;

    private static RosterPermission Permission(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "WRITE" => RosterPermission.Write,
        "READ" => RosterPermission.Read,
        _ => RosterPermission.None,
    };
}
