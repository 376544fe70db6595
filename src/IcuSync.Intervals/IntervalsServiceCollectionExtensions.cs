using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IcuSync.Intervals;

/// <summary>Registers the Intervals.icu client.</summary>
public static class IntervalsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IIntervalsClient"/> as a typed <see cref="HttpClient"/> (gzip, pooled connections, no HttpClient
    /// timeout: the client's own per-request and overall timeouts apply), the shared per-credential
    /// <see cref="IntervalsRequestBudget"/>, and validated <see cref="IntervalsClientOptions"/>.
    /// </summary>
    public static IHttpClientBuilder AddIntervalsClient(this IServiceCollection services, Action<IntervalsClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<IntervalsClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntervalsClientOptions>, IntervalsClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IntervalsRequestBudget>();

        return services
            .AddHttpClient<IIntervalsClient, IntervalsClient>((provider, http) =>
            {
                http.BaseAddress = provider.GetRequiredService<IOptions<IntervalsClientOptions>>().Value.BaseAddress;
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.ParseAdd("IcuSync/1.0 (+https://github.com/icusync)");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            });
    }
}
