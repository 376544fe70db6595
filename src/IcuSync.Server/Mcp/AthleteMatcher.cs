using IcuSync.Server.Accounts;

namespace IcuSync.Server.Mcp;

/// <summary>Finds one reachable athlete by id or by a case-insensitive, unambiguous name.</summary>
public static class AthleteMatcher
{
    public static ReachableAthlete Match(IReadOnlyList<ReachableAthlete> athletes, string query, string argumentName)
    {
        var text = query.Trim();
        if (text.Length == 0)
        {
            throw ToolFailure.BadArgument(argumentName, "an athlete name or id from list_athletes");
        }

        var byId = athletes.FirstOrDefault(a =>
            string.Equals(a.AthleteId, text, StringComparison.OrdinalIgnoreCase)
            || string.Equals(a.AthleteId.TrimStart('i'), text.TrimStart('i'), StringComparison.OrdinalIgnoreCase));
        if (byId is not null)
        {
            return byId;
        }

        var exact = athletes.Where(a => string.Equals(a.Name, text, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }

        var partial = exact.Count > 1
            ? exact
            : athletes.Where(a => a.Name.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();
        return partial.Count switch
        {
            1 => partial[0],
            0 => throw ToolFailure.Refused(
                $"No athlete matching '{Shorten(text)}' is reachable with this connection. Call list_athletes to see the athletes you can use."),
            _ => throw ToolFailure.Refused(
                $"'{Shorten(text)}' matches several athletes: {string.Join(", ", partial.Select(a => $"{a.Name} ({a.AthleteId})"))}. Use the full name or the id."),
        };
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
