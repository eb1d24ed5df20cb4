using System.Text.Json;
using PasswordReset.Completion;
using Xunit;

namespace PasswordReset.Tests.Engine.Completion;

/// <summary>-Property completion: the schema list matches the contract file, and completing filters it.</summary>
public sealed class UserPropertyNamesTests
{
    private static string ContractFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "graph-contract", "user-properties.v1.0.json");
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException("shared/graph-contract/user-properties.v1.0.json is in no parent folder of the tests.");
    }

    [Fact]
    public void ListsTheContractsStructuralPropertiesInSchemaOrderWithoutManager()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(ContractFile()));
        var expected = json.RootElement.GetProperty("properties").EnumerateArray()
            .Where(p => !p.GetProperty("navigation").GetBoolean())
            .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("type").GetString()!))
            .Where(p => p.Item1 != "manager")
            .ToList();

        Assert.Equal(expected, UserPropertyNames.Properties);
    }

    [Fact]
    public void CompletesNamesStartingWithTheWordIgnoringCaseSorted()
    {
        var items = UserPropertyNames.Complete("EMPLOYEE");
        Assert.Equal(new[] { "employeeHireDate", "employeeId", "employeeLeaveDateTime", "employeeOrgData", "employeeType" }, items.Select(i => i.CompletionText));
        Assert.Equal("string", items[1].ToolTip);
    }

    [Fact]
    public void ReadsAQuotedWordAndMarksWhatIsAlwaysSelected()
    {
        var item = Assert.Single(UserPropertyNames.Complete("'displayN'"));
        Assert.Equal("displayName", item.CompletionText);
        Assert.Equal("string (always selected)", item.ToolTip);
    }

    [Fact]
    public void AnEmptyWordListsEveryPropertyAndNoNavigationProperty()
    {
        var names = UserPropertyNames.Complete("").Select(i => i.CompletionText).ToList();
        Assert.Equal(UserPropertyNames.All.Count(), names.Count);
        Assert.DoesNotContain("manager", names);
        Assert.DoesNotContain("memberOf", names);
        Assert.Contains("passwordPolicies", names);
        Assert.Empty(UserPropertyNames.Complete("nosuchproperty"));
    }
}
