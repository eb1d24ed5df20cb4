using GraphEmulator;
using Xunit;

namespace PasswordReset.Tests.Emulator;

/// <summary>Where the emulator finds its sample tenant and contract files: the copy beside it first, then shared/ above.</summary>
public sealed class ContractFileLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("contract-locator-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(ContractFileLocator.UsersFile)]
    [InlineData(ContractFileLocator.RolesFile)]
    [InlineData(ContractFileLocator.PropertiesFile)]
    [InlineData(ContractFileLocator.OpenApiFile)]
    public void The_build_copies_every_file_the_emulator_reads_beside_it(string relativePath)
    {
        var copied = Path.Combine(AppContext.BaseDirectory, ContractFileLocator.CopiedFolder, relativePath);
        Assert.True(File.Exists(copied), copied);
        Assert.Equal(copied, ContractFileLocator.Find(relativePath));
    }

    [Fact]
    public void The_copy_beside_the_emulator_wins_over_shared_above_the_working_directory()
    {
        var app = Write("app", ContractFileLocator.CopiedFolder, ContractFileLocator.UsersFile);
        Write("repo-parent", ContractFileLocator.SharedFolder, ContractFileLocator.UsersFile);
        var workingDirectory = Directory.CreateDirectory(Path.Combine(_root, "repo-parent", "repo", "sub")).FullName;

        var found = ContractFileLocator.Find(ContractFileLocator.UsersFile, Path.Combine(_root, "app"), [workingDirectory]);

        Assert.Equal(app, found);
    }

    [Fact]
    public void Without_a_copy_shared_is_found_in_an_ancestor_of_a_search_root()
    {
        var shared = Write("repo-parent", ContractFileLocator.SharedFolder, ContractFileLocator.RolesFile);
        var app = Directory.CreateDirectory(Path.Combine(_root, "repo-parent", "repo", "out", "GraphEmulator")).FullName;

        var found = ContractFileLocator.Find(ContractFileLocator.RolesFile, app, [_root, app]);

        Assert.Equal(shared, found);
    }

    [Fact]
    public void Nowhere_is_a_file_not_found_naming_both_places()
    {
        var app = Directory.CreateDirectory(Path.Combine(_root, "app")).FullName;

        var error = Assert.Throws<FileNotFoundException>(() => ContractFileLocator.Find(ContractFileLocator.OpenApiFile, app, [app]));

        Assert.Contains(Path.Combine(app, ContractFileLocator.CopiedFolder), error.Message, StringComparison.Ordinal);
        Assert.Contains($"{ContractFileLocator.SharedFolder}/{ContractFileLocator.OpenApiFile}", error.Message, StringComparison.Ordinal);
    }

    private string Write(string folder, string dataFolder, string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(_root, folder, dataFolder, relativePath));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "[]");
        return path;
    }
}
