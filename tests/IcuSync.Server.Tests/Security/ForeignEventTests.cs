using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IcuSync.Server.Tests.Security;

/// <summary>
/// An upstream that answers an event id with an event of another athlete (a coach credential reaching several
/// calendars, or an API that looks events up by id alone): edit_workout and delete_workout on Ada refuse Ben's event,
/// name nothing of it, and change nothing. The sandbox scopes ids itself, so a handler in front of it plays that
/// upstream by reading the id from Ben's calendar.
/// </summary>
public sealed class ForeignEventTests : IAsyncLifetime
{
    private readonly ForeignEventSettings upstream = new();
    private IcuSyncTestHost? host;

    private IcuSyncTestHost Host => host ?? throw new InvalidOperationException("The host has not started.");

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    public async Task InitializeAsync() =>
        host = await IcuSyncTestHost.StartAsync(configure: builder =>
            builder.Services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new ForeignEventUpstream(upstream))));

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_event_id_of_another_athlete_is_refused_as_not_on_the_scoped_calendar(bool upstreamOmitsAthleteId)
    {
        var benEvent = Store.GetEvents(SandboxPrincipals.RunnerId, Store.Today(SandboxPrincipals.RunnerId), Store.Today(SandboxPrincipals.RunnerId).AddDays(20))
            .First(e => e.Category is "WORKOUT" or "NOTE" && e.PairedActivityId is null);
        upstream.EventId = benEvent.Id;
        upstream.OwnerAthleteId = SandboxPrincipals.RunnerId;
        upstream.OwnerApiKey = Store.ApiKeyOf(SandboxPrincipals.RunnerId)!;
        upstream.OmitAthleteId = upstreamOmitsAthleteId;
        var before = await DataSnapshot.TakeAsync(Host);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("cyclist"));

        var edit = await Attack.RefusalAsync(client, "edit_workout", new() { ["event_id"] = benEvent.Id, ["new_name"] = "Hijacked" });
        var delete = await Attack.RefusalAsync(client, "delete_workout", new() { ["event_id"] = benEvent.Id });
        var deleteConfirmed = await Attack.RefusalAsync(client, "delete_workout", new() { ["event_id"] = benEvent.Id, ["confirm"] = "forged-code" });

        Assert.True(upstream.Answered > 0, "The foreign-event upstream was never asked; the test proves nothing.");
        foreach (var (tool, text) in new[] { ("edit_workout", edit), ("delete_workout", delete), ("delete_workout confirm", deleteConfirmed) })
        {
            Assert.Contains($"Event {benEvent.Id} is not on Ada Cyclist's calendar", text, StringComparison.Ordinal);
            Attack.AssertNames(text, tool, benEvent.Name ?? "\u0000", "Ben", SandboxPrincipals.RunnerId);
        }

        await before.AssertUnchangedAsync(Host, "edit/delete of another athlete's event id");
    }

    private sealed class ForeignEventSettings
    {
        private int answered;

        public long? EventId { get; set; }

        public string OwnerAthleteId { get; set; } = "";

        public string OwnerApiKey { get; set; } = "";

        public bool OmitAthleteId { get; set; }

        public int Answered => answered;

        public void Count() => Interlocked.Increment(ref answered);
    }

    /// <summary>Answers GET <c>/athlete/{anyone}/events/{EventId}</c> with the event from its owner's calendar.</summary>
    private sealed class ForeignEventUpstream(ForeignEventSettings settings) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri?.AbsolutePath ?? "";
            if (request.Method != HttpMethod.Get || settings.EventId is not { } id || !path.EndsWith($"/events/{id}", StringComparison.Ordinal)
                || path.Contains($"/athlete/{settings.OwnerAthleteId}/", StringComparison.Ordinal))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            settings.Count();
            var athleteAt = path.IndexOf("/athlete/", StringComparison.Ordinal) + "/athlete/".Length;
            var rewritten = path[..athleteAt] + settings.OwnerAthleteId + path[path.IndexOf("/events/", athleteAt, StringComparison.Ordinal)..];
            request.RequestUri = new UriBuilder(request.RequestUri!) { Path = rewritten }.Uri;
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes("API_KEY:" + settings.OwnerApiKey)));
            var response = await base.SendAsync(request, cancellationToken);
            if (!settings.OmitAthleteId || !response.IsSuccessStatusCode)
            {
                return response;
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            body.Remove("athlete_id");
            response.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            return response;
        }
    }
}
