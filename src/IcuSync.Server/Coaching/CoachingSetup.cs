using Microsoft.Extensions.Options;

namespace IcuSync.Server.Coaching;

public static class CoachingSetup
{
    /// <summary>The application services the MCP tools and intents share.</summary>
    public static IServiceCollection AddCoaching(this IServiceCollection services)
    {
        services.AddOptions<IntervalsCacheOptions>().BindConfiguration(IntervalsCacheOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntervalsCacheOptions>, IntervalsCacheOptionsValidator>();
        services.AddSingleton<IntervalsReads>();
        services.AddSingleton<AthleteCalendar>();
        services.AddSingleton<AthleteProfiles>();
        services.AddSingleton<TrainingHistory>();
        return services;
    }
}
