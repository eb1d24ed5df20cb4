using System.Reflection;
using PasswordReset.Commands;
using Xunit;

namespace PasswordReset.Tests.Engine;

public sealed class ErrorIdsTests
{
    [Fact]
    public void ErrorIdsAreUniqueAndEqualTheirNames()
    {
        var fields = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).ToList();
        Assert.NotEmpty(fields);
        var values = fields.Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(values.Count, values.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(fields, f => Assert.Equal(f.Name, (string)f.GetRawConstantValue()!));
    }
}
