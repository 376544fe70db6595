using IcuSync.Intervals;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Web;

/// <summary>
/// The dashboard: Razor Pages under <c>Web/Pages</c>, cookie sessions, sign-in with Intervals.icu (OAuth) or an API
/// key, anti-forgery on every form, friendly error pages and the security headers.
/// </summary>
public static class WebSetup
{
    private const string SessionCookie = "icusync.session";

    /// <summary>
    /// Registers pages, sessions and sign-in. Reads <c>Intervals:Sandbox</c> (demo mode), the sections <c>Web</c> and
    /// <c>IntervalsOAuth</c>, and <c>PublicBaseUrl</c> (an https base URL makes every cookie Secure).
    /// </summary>
    public static IServiceCollection AddIcuSyncWeb(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var demo = string.Equals(configuration["Intervals:Sandbox"], "true", StringComparison.OrdinalIgnoreCase);
        var mode = new WebMode(demo);
        services.AddSingleton(mode);

        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
        services.AddOptions<IntervalsOAuthOptions>()
            .Bind(configuration.GetSection(IntervalsOAuthOptions.SectionName))
            .PostConfigure(o => UseSandboxApp(o, mode))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntervalsOAuthOptions>, IntervalsOAuthOptionsValidator>();

        // Both spellings of the public URL are in use ("PublicBaseUrl" and "PublicBaseUrl:BaseUrl").
        var publicUrl = configuration[PublicUrlOptions.ConfigurationKey] ?? configuration[$"{PublicUrlOptions.ConfigurationKey}:{nameof(PublicUrlOptions.BaseUrl)}"];
        var secure = publicUrl?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true
            ? CookieSecurePolicy.Always
            : CookieSecurePolicy.SameAsRequest;
        var confirmationPath = configuration[$"{AccountsOptions.SectionName}:{nameof(AccountsOptions.ConfirmationPath)}"] is { Length: > 1 } path
            ? path
            : new AccountsOptions().ConfirmationPath;

        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddRazorPages(options =>
            {
                options.RootDirectory = "/Web/Pages";
                options.Conventions.AuthorizeFolder("/Dashboard");
                options.Conventions.AuthorizePage("/Coach/Direct");
                if (!string.Equals(confirmationPath.TrimEnd('/'), "/coach/confirm", StringComparison.OrdinalIgnoreCase))
                {
                    options.Conventions.AddPageRoute("/Coach/Confirm", confirmationPath.TrimStart('/'));
                }
            })
            .ConfigureApplicationPartManager(parts =>
            {
                // The host may be started from another entry assembly (tests, benchmarks): make sure the pages are found.
                var assembly = typeof(WebSetup).Assembly;
                if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
                {
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    {
                        parts.ApplicationParts.Add(part);
                    }
                }
            });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "icusync.af";
            o.Cookie.SecurePolicy = secure;
            o.FormFieldName = "__RequestVerificationToken";
        });

        var authentication = services
            .AddAuthentication(WebSession.SessionScheme)
            .AddCookie(WebSession.SessionScheme, o =>
            {
                o.Cookie.Name = SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = secure;
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.AccessDeniedPath = "/error/403";
                o.ReturnUrlParameter = "returnUrl";
                o.SlidingExpiration = true;
            })
            .AddCookie(WebSession.PendingScheme, o =>
            {
                o.Cookie.Name = "icusync.pending";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = secure;
                o.LoginPath = "/signin";
                o.SlidingExpiration = false;
            });
        services.AddOptions<CookieAuthenticationOptions>(WebSession.SessionScheme)
            .Configure<IOptions<WebOptions>>((o, web) => o.ExpireTimeSpan = web.Value.SessionLifetime);
        services.AddOptions<CookieAuthenticationOptions>(WebSession.PendingScheme)
            .Configure<IOptions<WebOptions>>((o, web) => o.ExpireTimeSpan = web.Value.PendingSignInLifetime);

        var oauth = new IntervalsOAuthOptions();
        configuration.GetSection(IntervalsOAuthOptions.SectionName).Bind(oauth);
        UseSandboxApp(oauth, mode);
        if (oauth.Enabled)
        {
            authentication.AddOAuth<OAuthOptions, IntervalsOAuthHandler>(WebSession.IntervalsScheme, "Intervals.icu", o =>
            {
                o.CallbackPath = IntervalsOAuthHandler.CallbackPath;
                o.SignInScheme = WebSession.PendingScheme;
                o.SaveTokens = true;
                o.UsePkce = false;
                o.BackchannelTimeout = TimeSpan.FromSeconds(20);
                o.CorrelationCookie.Name = "icusync.oauth.";
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = secure;
                o.Events.OnAccessDenied = context =>
                {
                    context.Response.Redirect("/error/denied");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
                o.Events.OnRemoteFailure = context =>
                {
                    var reason = context.Request.Query["error"] == "access_denied" ? "denied"
                        : IntervalsOAuthHandler.IsOutage(context.Failure) ? "outage"
                        : "signin";
                    context.Response.Redirect("/error/" + reason);
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
            services.AddOptions<OAuthOptions>(WebSession.IntervalsScheme)
                .Configure<IOptions<IntervalsOAuthOptions>, IConfiguration>((o, app, config) =>
                {
                    var endpoints = new IntervalsClientOptions();
                    config.GetSection("Intervals").Bind(endpoints);
                    o.ClientId = app.Value.ClientId!;
                    o.ClientSecret = app.Value.ClientSecret!;
                    o.AuthorizationEndpoint = endpoints.EffectiveAuthorizeEndpoint.AbsoluteUri;
                    o.TokenEndpoint = endpoints.EffectiveTokenEndpoint.AbsoluteUri;
                    o.Scope.Clear();
                    foreach (var scope in app.Value.EffectiveScopes)
                    {
                        o.Scope.Add(scope);
                    }
                });
        }

        services.AddAuthorization();
        services.AddSingleton<IntervalsSignIn>();
        services.AddSingleton<DashboardReader>();
        services.AddSingleton<ConfirmationLinkPreview>();
        services.AddSingleton<MailOutbox>();
        return services;
    }

    /// <summary>Security headers, friendly error pages (not on <c>/mcp</c>, whose clients expect JSON), sessions.</summary>
    public static IApplicationBuilder UseIcuSyncWeb(this IApplicationBuilder app)
    {
        app.UseMiddleware<SecurityHeaders>();

        // Not inside a UseWhen branch: branches lose the global route builder that re-execution needs to re-route.
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use((context, next) =>
        {
            if (IsMcp(context.Request.Path) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The pages, the OAuth start endpoint and the two static assets.</summary>
    public static IEndpointRouteBuilder MapIcuSyncWeb(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        endpoints.MapGet("/signin/intervals", StartIntervalsSignInAsync);
        endpoints.MapGet("/assets/site.css", (HttpContext context) => SiteAssets.Serve(context, SiteAssets.Styles, "text/css; charset=utf-8"));
        endpoints.MapGet("/assets/site.js", (HttpContext context) => SiteAssets.Serve(context, SiteAssets.Script, "text/javascript; charset=utf-8"));
        return endpoints;
    }

    internal static bool IsMcp(PathString path) => path.StartsWithSegments("/mcp", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True for a path on this site (<c>/x</c>), false for anything that could leave it (<c>//host</c>, <c>/\host</c>,
    /// absolute URLs) and for paths with control characters: browsers drop tabs and line breaks, so <c>/\t/host</c> is <c>//host</c>.
    /// </summary>
    internal static bool IsLocalPath(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(char.IsControl);

    private static async Task<Results<ChallengeHttpResult, RedirectHttpResult>> StartIntervalsSignInAsync(
        IAuthenticationSchemeProvider schemes,
        string? returnUrl)
    {
        if (await schemes.GetSchemeAsync(WebSession.IntervalsScheme) is null)
        {
            return TypedResults.Redirect("/signin?oauth=off");
        }

        var complete = IsLocalPath(returnUrl) ? "/signin/complete?returnUrl=" + Uri.EscapeDataString(returnUrl!) : "/signin/complete";
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = complete }, [WebSession.IntervalsScheme]);
    }

    private static void UseSandboxApp(IntervalsOAuthOptions options, WebMode mode)
    {
        if (mode.IsDemo && string.IsNullOrWhiteSpace(options.ClientId) && string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            options.ClientId = SandboxPrincipals.OAuthClientId;
            options.ClientSecret = SandboxPrincipals.OAuthClientSecret;
        }
    }
}
