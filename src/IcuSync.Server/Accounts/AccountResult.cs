using System.Diagnostics.CodeAnalysis;

namespace IcuSync.Server.Accounts;

/// <summary>An expected failure: a stable <see cref="Code"/>, the input <see cref="Field"/> at fault, and an actionable message.</summary>
public sealed record AccountError(string Code, string Field, string Message);

/// <summary>Stable error codes of the account services. Tests and callers branch on these, never on wording.</summary>
public static class AccountErrorCodes
{
    public const string InvalidEmail = "invalid_email";
    public const string InvalidName = "invalid_name";
    public const string InvalidAthleteId = "invalid_athlete_id";
    public const string InvalidTimeZone = "invalid_time_zone";
    public const string InvalidCredential = "invalid_credential";
    public const string UnknownTool = "unknown_tool";
    public const string ToolNotGrantable = "tool_not_grantable";
    public const string NoTools = "no_tools";
    public const string EmailTaken = "email_taken";
    public const string AthleteIdTaken = "athlete_id_taken";
    public const string AccountNotFound = "account_not_found";
    public const string InviteNotFound = "invite_not_found";
    public const string TokenNotFound = "token_not_found";
    public const string CoachNotFound = "coach_not_found";
    public const string TokenAlreadyIssued = "token_already_issued";
    public const string PlanInactive = "plan_inactive";
    public const string NotConnected = "not_connected";
    public const string DirectCoachDisabled = "direct_coach_disabled";
    public const string LinkInvalid = "link_invalid";
    public const string LinkExpired = "link_expired";
    public const string LinkUsed = "link_used";
    public const string RateLimited = "rate_limited";
    public const string Conflict = "conflict";
    public const string MailFailed = "mail_failed";
}

internal static class AccountErrors
{
    public static AccountError Invalid(string code, string field, string message) => new(code, field, message);

    public static AccountError AccountNotFound(string field = "account") => new(AccountErrorCodes.AccountNotFound, field,
        "No such account. List accounts with 'icusync admin accounts list' and use its id, email or Intervals.icu athlete id.");

    public static AccountError PlanInactive() => new(AccountErrorCodes.PlanInactive, "plan",
        "This needs an active IcuSync plan. Activate the plan first ('icusync admin plan set <account> active').");

    public static AccountError Conflict() => new(AccountErrorCodes.Conflict, "request",
        "Another change to the same account happened at the same moment. Nothing was changed; try again.");
}

/// <summary>Either a value or an <see cref="AccountError"/>; expected failures are values, not exceptions.</summary>
public sealed class AccountResult<T>
{
    private AccountResult(T? value, AccountError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public AccountError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static AccountResult<T> Success(T value) => new(value, null);

    public static AccountResult<T> Failure(AccountError error) => new(default, error);

    public static implicit operator AccountResult<T>(T value) => Success(value);

    public static implicit operator AccountResult<T>(AccountError error) => Failure(error);

    public override string ToString() => Succeeded ? $"Success({Value})" : $"Failure({Error.Code}: {Error.Message})";
}
