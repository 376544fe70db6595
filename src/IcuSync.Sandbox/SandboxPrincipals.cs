namespace IcuSync.Sandbox;

/// <summary>
/// The fixed, documented demo credentials of the generated sandbox data. They are public test values, not secrets.
/// </summary>
public static class SandboxPrincipals
{
    /// <summary>"Ada Cyclist" (Ride; Europe/London).</summary>
    public const string CyclistId = "i1001";
    public const string CyclistApiKey = "sandbox-key-cyclist";

    /// <summary>"Ben Runner" (Run; America/Denver).</summary>
    public const string RunnerId = "i1002";
    public const string RunnerApiKey = "sandbox-key-runner";

    /// <summary>"Cleo Triathlete" (Swim/Ride/Run; Australia/Sydney).</summary>
    public const string TriathleteId = "i1003";
    public const string TriathleteApiKey = "sandbox-key-triathlete";

    /// <summary>"Dana Coach" (Europe/Berlin): WRITE on i1001 and i1003, READ on i1002.</summary>
    public const string CoachId = "i2001";
    public const string CoachApiKey = "sandbox-key-coach";

    /// <summary>The emulated OAuth application.</summary>
    public const string OAuthClientId = "icusync-sandbox";
    public const string OAuthClientSecret = "sandbox-oauth-secret";

    /// <summary>The numeric <c>oauth_client_id</c> stamped on events created with a bearer token of the demo app.</summary>
    public const int OAuthClientNumericId = 321;
}

/// <summary>
/// Facts about the generated demo athletes that tests can assert on (they do not depend on the seed).
/// Units: watts, bpm, m/s, kg.
/// </summary>
public static class SandboxDemo
{
    /// <summary>Ada's Ride FTP in watts (indoor FTP 240 W).</summary>
    public const int CyclistFtp = 250;
    public const int CyclistLthr = 165;
    public const int CyclistMaxHr = 186;
    public const string CyclistTimezone = "Europe/London";

    /// <summary>Ben's Run threshold pace as a speed: 3.92 m/s (≈ 4:15/km).</summary>
    public const double RunnerThresholdPace = 3.92;
    public const int RunnerLthr = 172;
    public const int RunnerMaxHr = 192;
    public const string RunnerTimezone = "America/Denver";

    /// <summary>Cleo's Ride FTP in watts.</summary>
    public const int TriathleteFtp = 215;
    /// <summary>Cleo's Run threshold pace: 3.57 m/s (≈ 4:40/km).</summary>
    public const double TriathleteRunThresholdPace = 3.57;
    /// <summary>Cleo's Swim threshold pace: 1.0 m/s (1:40/100m).</summary>
    public const double TriathleteSwimThresholdPace = 1.0;
    public const int TriathleteLthr = 168;
    public const string TriathleteTimezone = "Australia/Sydney";

    public const string CoachTimezone = "Europe/Berlin";

    /// <summary>Strava stubs generated per athlete (i1001–i1003).</summary>
    public const int StravaStubsPerAthlete = 3;

    /// <summary>Days of planned WORKOUT events from today on (today + 0 … today + 20).</summary>
    public const int PlannedDays = 21;

    /// <summary>The CTL time constant in days (λ = 1 − e^(−1/42)).</summary>
    public const double CtlDays = 42;

    /// <summary>The ATL time constant in days (λ = 1 − e^(−1/7)).</summary>
    public const double AtlDays = 7;
}
