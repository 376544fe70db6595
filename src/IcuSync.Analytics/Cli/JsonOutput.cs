using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IcuSync.Analytics.Cli;

/// <summary>Writes the command's JSON: snake_case keys, numbers at full precision, null for anything not computable.</summary>
internal sealed class JsonOutput : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new();
    private readonly Utf8JsonWriter writer;

    public JsonOutput() => writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });

    public Utf8JsonWriter Writer => writer;

    public void Number(string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public void NumberValue(double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    public void String(string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public void Date(string name, DateOnly? value) => String(name, value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public void WriteTo(TextWriter output)
    {
        writer.Flush();
        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    public void Dispose() => writer.Dispose();
}
