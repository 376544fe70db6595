using IcuSync.Server.Data;
using IcuSync.Server.Email;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Accounts;

/// <summary>Registers persistence, Data Protection, email and the account services.</summary>
public static class AccountsSetup
{
    /// <summary>
    /// Adds the database (section <c>Database</c>), Data Protection with keys in that database, email (section <c>Smtp</c>),
    /// the account options (section <c>Accounts</c>, key <c>PublicBaseUrl</c>), all validated at start-up, and the
    /// account services, <see cref="IPrincipalResolver"/>, <see cref="IAthleteCredentials"/>, <see cref="IAthleteSelection"/>
    /// and <see cref="IDemoSeeder"/>. A <see cref="TimeProvider"/>, <see cref="IEmailSender"/> or <see cref="ICoachRosterSource"/>
    /// registered before this call is kept.
    /// </summary>
    public static IServiceCollection AddIcuSyncAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddOptions<AccountsOptions>().Bind(configuration.GetSection(AccountsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountsOptions>, AccountsOptionsValidator>();
        services.AddOptions<PublicUrlOptions>()
            .Configure(o => o.BaseUrl = configuration[PublicUrlOptions.ConfigurationKey] is { Length: > 0 } url ? url : o.BaseUrl)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicUrlOptions>, PublicUrlOptionsValidator>();

        services.TryAddSingleton<IDbContextFactory<IcuSyncDbContext>, IcuSyncDbContextFactory>();
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<IcuSyncDbContext>>().CreateDbContext());
        services.AddDataProtection()
            .SetApplicationName("IcuSync")
            .PersistKeysToDbContext<IcuSyncDbContext>();
        services.SkipKeyRingPreload();

        services.TryAddSingleton<IEmailSender, ConfiguredEmailSender>();
        services.TryAddSingleton<AccountEmails>();
        // Token-request mails leave after the reply (same timing for known and unknown emails); stopping drains them.
        services.TryAddSingleton<MailQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<MailQueue>());
        services.TryAddSingleton<AccountSecrets>();
        services.TryAddSingleton<McpUrls>();
        services.TryAddSingleton<AthleteAccountService>();
        services.TryAddSingleton<McpTokenService>();
        services.TryAddSingleton<CoachInviteService>();
        services.TryAddSingleton<CoachTokenRequests>();
        services.TryAddSingleton<DirectCoachRosters>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<PrincipalCache>();
        // Last-used times are noted by calls and written in batches; stopping the host writes what is left.
        services.TryAddSingleton<LastUsedRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<LastUsedRecorder>());
        services.TryAddSingleton<AccessReader>();
        services.TryAddSingleton<IPrincipalResolver, TokenPrincipalResolver>();
        services.TryAddSingleton<IAthleteCredentials, StoredAthleteCredentials>();
        services.TryAddSingleton<IAthleteSelection, StoredAthleteSelection>();
        services.TryAddSingleton<IDemoSeeder, DemoSeeder>();
        services.TryAddSingleton<ICoachRosterSource, IntervalsCoachRosterSource>();
        return services;
    }

    /// <summary>
    /// Removes Data Protection's hosted service, which loads the key ring at start and so runs the process's first EF Core
    /// query (≈ 0.25 s of a cold start). The database start-up creates a missing key itself, so the ring is left to load
    /// on its first use: the first credential read, token mail or form. Call it after every registration that may add
    /// Data Protection again (Razor Pages' antiforgery does).
    /// </summary>
    public static IServiceCollection SkipKeyRingPreload(this IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService)
                && services[i].ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService")
            {
                services.RemoveAt(i);
            }
        }

        return services;
    }
}
