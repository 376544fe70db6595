using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace IcuSync.Intervals;

/// <summary>
/// A request under construction for one <see cref="IntervalsEndpoint"/>. Building the URI checks that exactly the
/// endpoint's declared placeholders and query parameters are used, so the catalog the contract tests verify is the
/// one the client actually follows.
/// </summary>
internal sealed class IntervalsRequest(IntervalsEndpoint endpoint)
{
    private readonly Dictionary<string, string> _path = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _query = [];

    public IntervalsEndpoint Endpoint { get; } = endpoint;

    public byte[]? Body { get; private set; }

    public string? BodyMediaType { get; private set; }

    public IntervalsRequest Path(string name, string value)
    {
        _path[name] = value;
        return this;
    }

    public IntervalsRequest Path(string name, long value) => Path(name, value.ToString(CultureInfo.InvariantCulture));

    public IntervalsRequest Query(string name, string? value)
    {
        if (value is not null)
        {
            _query.Add(new(name, value));
        }

        return this;
    }

    public IntervalsRequest Query(string name, bool value) => Query(name, value ? "true" : "false");

    public IntervalsRequest Query(string name, long? value) =>
        Query(name, value?.ToString(CultureInfo.InvariantCulture));

    public IntervalsRequest Query(string name, double? value) =>
        Query(name, value?.ToString("R", CultureInfo.InvariantCulture));

    public IntervalsRequest Query(string name, DateOnly? value) =>
        Query(name, value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public IntervalsRequest Query(string name, DateTime? value) =>
        Query(name, value?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));

    /// <summary>Adds a comma-separated list parameter, skipped when the list is null or empty.</summary>
    public IntervalsRequest Query(string name, IEnumerable<string>? values)
    {
        var list = values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToList();
        return list is { Count: > 0 } ? Query(name, string.Join(',', list)) : this;
    }

    public IntervalsRequest Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        Body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        BodyMediaType = "application/json";
        return this;
    }

    public IntervalsRequest Form(IEnumerable<KeyValuePair<string, string>> fields)
    {
        Body = Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f =>
            Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))));
        BodyMediaType = "application/x-www-form-urlencoded";
        return this;
    }

    /// <summary>The absolute URI under <paramref name="root"/>, after checking the request against the endpoint.</summary>
    /// <exception cref="InvalidOperationException">The client code used the endpoint differently from its declaration (a bug).</exception>
    public Uri BuildUri(Uri root)
    {
        var op = Endpoint.OperationId;
        var placeholders = Endpoint.PathParameters;
        foreach (var supplied in _path.Keys)
        {
            if (!placeholders.Contains(supplied) || Endpoint.FixedPathValues.ContainsKey(supplied))
            {
                throw new InvalidOperationException($"{op}: '{supplied}' is not a free path parameter of {Endpoint.PathTemplate}.");
            }
        }

        var names = _query.Select(q => q.Key).ToHashSet(StringComparer.Ordinal);
        var undeclared = names.Where(n => !Endpoint.QueryParameters.Contains(n)).ToList();
        if (undeclared.Count > 0)
        {
            throw new InvalidOperationException($"{op}: query parameter(s) {string.Join(", ", undeclared)} are not declared for this endpoint.");
        }

        var missing = Endpoint.AlwaysSentQueryParameters.Where(n => !names.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{op}: required query parameter(s) {string.Join(", ", missing)} were not supplied.");
        }

        if ((Body is not null) != (Endpoint.RequestBody is not null || !Endpoint.InOpenApi && Endpoint.Method == HttpMethod.Post))
        {
            throw new InvalidOperationException($"{op}: request body does not match the endpoint declaration.");
        }

        var path = new StringBuilder(Endpoint.PathTemplate.Length + 32);
        var template = Endpoint.PathTemplate;
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                path.Append(template, i, template.Length - i);
                break;
            }

            var close = template.IndexOf('}', open);
            path.Append(template, i, open - i);
            var name = template[(open + 1)..close];
            if (Endpoint.FixedPathValues.TryGetValue(name, out var fixedValue))
            {
                path.Append(fixedValue);
            }
            else if (_path.TryGetValue(name, out var value))
            {
                path.Append(Uri.EscapeDataString(value));
            }
            else
            {
                throw new InvalidOperationException($"{op}: path parameter '{name}' was not supplied.");
            }

            i = close + 1;
        }

        if (_query.Count > 0)
        {
            path.Append('?');
            path.AppendJoin('&', _query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value)));
        }

        return new Uri(root, path.ToString().TrimStart('/'));
    }
}
