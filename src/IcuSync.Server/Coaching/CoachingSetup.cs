using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        // HybridCache takes every registered serializer factory, whichever order AddHybridCache was called in.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHybridCacheSerializerFactory, CachedReadSerializerFactory>());
        services.AddSingleton<AthleteCalendar>();
        services.AddSingleton<AthleteProfiles>();
        services.AddSingleton<TrainingHistory>();
        // Write safety (dry run → confirm, audit). The stdio host has no database or shared keys: it confirms with
        // ephemeral keys (one process) and audits to the log.
        services.AddSingleton(sp => new Mcp.WriteConfirmations(
            sp.GetService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>() ?? new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new Mcp.WriteAudit(
            sp.GetService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.IcuSyncDbContext>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Mcp.WriteAudit>>()));
        services.AddSingleton<Mcp.WriteGate>();
        services.AddSingleton<PlannedWorkouts>();
        services.AddSingleton<TrainingSummaries>();
        services.AddSingleton<FitnessSeries>();
        services.AddSingleton<AnswerMemo>();
        services.AddSingleton<WellnessLog>();
        services.AddSingleton<CalendarEvents>();
        services.AddSingleton<PowerCurves>();
        services.AddSingleton<ActivityAnalysisService>();
        services.AddSingleton<AthleteBestEfforts>();
        services.AddSingleton<SessionAnalysis>();
        services.AddSingleton<PeriodAnalysis>();
        services.AddSingleton<PeriodComparison>();
        services.AddSingleton<RecoveryAssessment>();
        services.AddSingleton<ProgressTracking>();
        services.AddSingleton<RaceAnalysis>();
        services.AddSingleton<SportThresholds>();
        services.AddSingleton<GearInventory>();
        services.AddSingleton<ProfileSections>();
        services.AddSingleton<TrainingPlans>();
        return services;
    }
}
