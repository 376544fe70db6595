using System.Reflection;
using System.Text.RegularExpressions;
using IcuSync.Server.Data;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;

namespace IcuSync.Server.Tests.Data;

/// <summary>
/// The checked-in compiled models must be what <c>dotnet ef dbcontext optimize</c> would generate from the current model:
/// EF Core uses them instead of the model built from the entity configurations, so a stale one would silently run an
/// old model.
/// </summary>
public sealed partial class CompiledModelTests
{
    [Fact]
    public void The_compiled_sqlite_model_matches_the_current_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        AssertUpToDate(db, "Sqlite");
    }

    [Fact]
    public void The_compiled_postgres_model_matches_the_current_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        AssertUpToDate(db, "Postgres");
    }

    [Fact]
    public void Contexts_run_on_the_compiled_models()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.IsType<IcuSync.Server.Data.CompiledModels.Sqlite.SqliteIcuSyncDbContextModel>(sqlite.Model);
        Assert.IsType<IcuSync.Server.Data.CompiledModels.Postgres.PostgresIcuSyncDbContextModel>(postgres.Model);
    }

    private static void AssertUpToDate(IcuSyncDbContext db, string provider)
    {
        var folder = Path.Combine(RepositoryPaths.Root(), "src", "IcuSync.Server", "Data", "CompiledModels", provider);
        var fix = $"The compiled {provider} model is out of date. Regenerate it with 'dotnet ef dbcontext optimize --project src/IcuSync.Server " +
            $"--context {db.GetType().Name} --output-dir Data/CompiledModels/{provider} --namespace IcuSync.Server.Data.CompiledModels.{provider}' " +
            "(see docs/accounts.md).";

        var generated = Generate(db, $"IcuSync.Server.Data.CompiledModels.{provider}")
            .ToDictionary(f => f.Path, f => Normalize(f.Code), StringComparer.Ordinal);
        var checkedIn = Directory.GetFiles(folder, "*.cs")
            .ToDictionary(f => Path.GetFileName(f), f => Normalize(File.ReadAllText(f)), StringComparer.Ordinal);

        Assert.True(generated.Keys.Order(StringComparer.Ordinal).SequenceEqual(checkedIn.Keys.Order(StringComparer.Ordinal)),
            $"{fix} Generated files: {string.Join(", ", generated.Keys.Order(StringComparer.Ordinal))}; checked in: {string.Join(", ", checkedIn.Keys.Order(StringComparer.Ordinal))}.");
        foreach (var (file, code) in generated)
        {
            Assert.True(code == checkedIn[file], $"{fix} {file} differs: {FirstDifference(checkedIn[file], code)}");
        }
    }

    /// <summary>The compiled model code <c>dotnet ef dbcontext optimize</c> writes for the context's design-time model.</summary>
    private static IReadOnlyCollection<ScaffoldedFile> Generate(DbContext db, string modelNamespace)
    {
        var services = new ServiceCollection();
        services.AddEntityFrameworkDesignTimeServices();
        services.AddDbContextDesignTimeServices(db);
        // The provider names its design-time services in an assembly attribute, which is how the EF tools find them.
        var providerAssembly = Assembly.Load(new AssemblyName(db.Database.ProviderName!));
        var providerServices = providerAssembly.GetCustomAttribute<DesignTimeProviderServicesAttribute>()!.TypeName;
        ((IDesignTimeServices)Activator.CreateInstance(providerAssembly.GetType(providerServices, throwOnError: true)!)!)
            .ConfigureDesignTimeServices(services);

        using var provider = services.BuildServiceProvider();
        var options = new CompiledModelCodeGenerationOptions
        {
            ContextType = db.GetType(),
            ModelNamespace = modelNamespace,
            Language = "C#",
            UseNullableReferenceTypes = true,
        };
        return provider.GetRequiredService<ICompiledModelCodeGeneratorSelector>().Select(options)
            .GenerateModel(db.GetService<IDesignTimeModel>().Model, options);
    }

    private static string FirstDifference(string checkedIn, string generated)
    {
        var before = checkedIn.Split('\n');
        var after = generated.Split('\n');
        var line = 0;
        while (line < before.Length && line < after.Length && before[line] == after[line])
        {
            line++;
        }

        return $"line {line + 1} is '{before.ElementAtOrDefault(line)?.Trim()}' in the checked-in file, '{after.ElementAtOrDefault(line)?.Trim()}' when generated.";
    }

    // The generator gives every model a new random id, so the id is not compared.
    private static string Normalize(string code) =>
        ModelId().Replace(code.TrimStart('\uFEFF').ReplaceLineEndings("\n"), "modelId: new Guid(\"…\")");

    [GeneratedRegex("modelId: new Guid\\(\"[0-9a-f-]{36}\"\\)")]
    private static partial Regex ModelId();
}
