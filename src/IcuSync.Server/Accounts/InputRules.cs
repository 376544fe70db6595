using System.Net.Mail;

namespace IcuSync.Server.Accounts;

/// <summary>Validation and normalisation of user input, each failure naming the field and the accepted form.</summary>
public static class InputRules
{
    /// <summary>Trims and lower-cases an email address, or explains what is wrong with it.</summary>
    public static AccountResult<string> NormalizeEmail(string? email, string field = "email")
    {
        var trimmed = (email ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return AccountErrors.Invalid(AccountErrorCodes.InvalidEmail, field, $"The {field} is empty. Enter an address like name@example.com.");
        }

        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        var valid = trimmed.Length <= 254
            && at > 0 && at <= 64
            && at == trimmed.LastIndexOf('@')
            && !trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"' or '(' or ')')
            && trimmed[(at + 1)..] is var domain
            && domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !domain.Contains("..", StringComparison.Ordinal)
            && MailAddress.TryCreate(trimmed, out var parsed)
            && string.Equals(parsed.Address, trimmed, StringComparison.Ordinal)
            && string.IsNullOrEmpty(parsed.DisplayName);
        return valid
            ? trimmed.ToLowerInvariant()
            : AccountErrors.Invalid(AccountErrorCodes.InvalidEmail, field,
                $"The {field} is not a valid email address. Enter a single address like name@example.com, without a display name or spaces.");
    }

    /// <summary>Trims a display name (1–200 characters, no control characters).</summary>
    public static AccountResult<string> NormalizeName(string? name, string field = "name")
    {
        var trimmed = (name ?? "").Trim();
        return trimmed.Length is > 0 and <= 200 && !trimmed.Any(char.IsControl)
            ? trimmed
            : AccountErrors.Invalid(AccountErrorCodes.InvalidName, field, $"The {field} must be 1–200 printable characters, e.g. 'Ada Cyclist'.");
    }

    /// <summary>Checks an Intervals.icu athlete id: <c>i</c> followed by digits, or a legacy all-digit id.</summary>
    public static AccountResult<string> NormalizeAthleteId(string? athleteId, string field = "athlete-id")
    {
        var trimmed = (athleteId ?? "").Trim();
        var body = trimmed.StartsWith('i') ? trimmed[1..] : trimmed;
        return body.Length is > 0 and <= 20 && body.All(char.IsAsciiDigit)
            ? trimmed
            : AccountErrors.Invalid(AccountErrorCodes.InvalidAthleteId, field,
                $"The {field} '{trimmed}' is not an Intervals.icu athlete id. Use the id shown in Intervals.icu settings, like 'i123456'.");
    }

    /// <summary>Checks an IANA time zone id (e.g. <c>Europe/Madrid</c>); null or empty means unknown.</summary>
    public static AccountResult<string?> NormalizeTimeZone(string? timeZone, string field = "timezone")
    {
        var trimmed = timeZone?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return AccountResult<string?>.Success(null);
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out _)
            ? AccountResult<string?>.Success(trimmed)
            : AccountErrors.Invalid(AccountErrorCodes.InvalidTimeZone, field,
                $"The {field} '{trimmed}' is not a known time zone. Use an IANA id like 'Europe/Madrid' or 'America/Denver'.");
    }

    /// <summary>Shows the first letter and the domain only (<c>d***@example.com</c>), for logs and audit details.</summary>
    public static string RedactEmail(string email)
    {
        var at = (email ?? "").LastIndexOf('@');
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }
}
