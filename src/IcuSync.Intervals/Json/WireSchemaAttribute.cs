namespace IcuSync.Intervals;

/// <summary>
/// Names the Intervals.icu OpenAPI schema(s) a DTO mirrors. Every JSON property of the DTO must exist in one of
/// them; the contract tests check this against the published spec, so the DTOs cannot drift from the wire format.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WireSchemaAttribute(params string[] schemas) : Attribute
{
    /// <summary>Schema names under <c>components/schemas</c> of the OpenAPI document.</summary>
    public IReadOnlyList<string> Schemas { get; } = schemas;
}
