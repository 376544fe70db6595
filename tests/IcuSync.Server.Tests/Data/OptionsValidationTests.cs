using IcuSync.Server.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Tests.Data;

/// <summary>Every options section is validated at start-up with a message that names the setting and the fix.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Database:Provider", "mysql", "Database:Provider is 'mysql'")]
    [InlineData("Database:ConnectionString", "Data Source=", "Database:ConnectionString has no 'Data Source'")]
    [InlineData("PublicBaseUrl", "icusync.example.com", "PublicBaseUrl 'icusync.example.com' must be an absolute http(s) URL")]
    [InlineData("Accounts:TokenPrefix", "icu-", "Accounts:TokenPrefix 'icu-' must be 1–16 letters")]
    [InlineData("Accounts:ConfirmationLinkLifetime", "00:00:10", "Accounts:ConfirmationLinkLifetime must be between")]
    [InlineData("Accounts:TokenRequestsPerEmail", "0", "Accounts:TokenRequestsPerEmail and Accounts:TokenRequestsPerIp must be at least 1")]
    [InlineData("Accounts:ConfirmationPath", "coach/confirm", "Accounts:ConfirmationPath 'coach/confirm' must be a path starting with '/'")]
    [InlineData("Smtp:From", "not a mailbox", "Smtp:From 'not a mailbox' is not a mailbox")]
    public void A_bad_setting_fails_start_up_naming_the_setting(string key, string value, string message)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Validate(new() { [key] = value }));

        Assert.Contains(failure.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Postgres_without_a_connection_string_fails_start_up_with_an_example()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Validate(new() { ["Database:Provider"] = "postgres" }));

        Assert.Contains(failure.Failures, f => f.Contains("Database:ConnectionString is empty", StringComparison.Ordinal) && f.Contains("Host=", StringComparison.Ordinal));
    }

    [Fact]
    public void Smtp_user_without_password_fails_start_up()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Validate(new() { ["Smtp:Host"] = "smtp.example.com", ["Smtp:UserName"] = "icusync" }));

        Assert.Contains(failure.Failures, f => f.Contains("Smtp:Password is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_suit_the_demo()
    {
        using var services = Validate([]);

        Assert.Equal("http://127.0.0.1:5080", services.GetRequiredService<IOptions<PublicUrlOptions>>().Value.BaseUrl);
        var accounts = services.GetRequiredService<IOptions<AccountsOptions>>().Value;
        Assert.Equal(("icu_", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10)), (accounts.TokenPrefix, accounts.ConfirmationLinkLifetime, accounts.RosterRefreshInterval));
        Assert.Equal("data/mail", services.GetRequiredService<IOptions<IcuSync.Server.Email.SmtpOptions>>().Value.PickupDirectory);
        Assert.Equal("sqlite", services.GetRequiredService<IOptions<IcuSync.Server.Data.DatabaseOptions>>().Value.Provider);
        Assert.Equal("http://127.0.0.1:5080/mcp/icu_x", services.GetRequiredService<McpUrls>().ForToken("icu_x"));
    }

    private static ServiceProvider Validate(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<ICoachRosterSource>(new IcuSync.Server.Tests.Accounts.RecordingRosterSource());
        services.AddIcuSyncAccounts(configuration);
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }
}
