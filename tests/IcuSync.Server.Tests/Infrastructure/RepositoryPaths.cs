namespace IcuSync.Server.Tests.Infrastructure;

/// <summary>Paths in the repository the tests run from, for tests that compare or regenerate checked-in generated files.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding IcuSync.slnx, found above the test binaries.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IcuSync.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IcuSync.slnx not found above the test binaries.");
    }
}
