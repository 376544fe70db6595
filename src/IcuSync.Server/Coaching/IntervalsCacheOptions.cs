using Microsoft.Extensions.Options;

namespace IcuSync.Server.Coaching;

/// <summary>How long Intervals.icu reads are cached, per endpoint family (configuration section <c>Cache</c>).</summary>
public sealed class IntervalsCacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>Athlete profile and sport settings. Default 10 minutes.</summary>
    public TimeSpan Athlete { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Activity lists. Default 1 minute, so a just-finished ride shows up quickly.</summary>
    public TimeSpan Activities { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>One activity's detail, intervals and streams (they rarely change once analysed). Default 30 minutes.</summary>
    public TimeSpan ActivityDetail { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Wellness rows. Default 2 minutes.</summary>
    public TimeSpan Wellness { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Calendar events. Default 30 seconds (writes also invalidate them at once).</summary>
    public TimeSpan Events { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Power, HR and pace curves. Default 10 minutes.</summary>
    public TimeSpan Curves { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gear. Default 5 minutes.</summary>
    public TimeSpan Gear { get; set; } = TimeSpan.FromMinutes(5);
}

internal sealed class IntervalsCacheOptionsValidator : IValidateOptions<IntervalsCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, IntervalsCacheOptions options)
    {
        var all = new[] { options.Athlete, options.Activities, options.ActivityDetail, options.Wellness, options.Events, options.Curves, options.Gear };
        return all.All(t => t >= TimeSpan.Zero && t <= TimeSpan.FromDays(1))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Every Cache:* lifetime must be between 00:00:00 (no caching) and 1.00:00:00, e.g. Cache:Activities=00:01:00.");
    }
}
