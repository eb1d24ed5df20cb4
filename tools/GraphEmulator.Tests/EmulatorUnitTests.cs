using GraphEmulator;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace PasswordReset.Tests.Emulator;

public sealed class EmulatorUnitTests
{
    private static readonly Lazy<UserPropertyCatalog> Catalog =
        new(() => UserPropertyCatalog.Load(ContractFileLocator.Find(ContractFileLocator.PropertiesFile)));

    [Theory]
    [InlineData("xWwvJ]6NMw+bWH-d", null, true)]
    [InlineData("Abcdefg1", null, true)] // exactly 8, three categories
    [InlineData("Abcdef1", null, false)] // 7 characters
    [InlineData("abcdefgh", null, false)]
    [InlineData("abcdefgh", "DisableStrongPassword", true)]
    [InlineData("abcdefgh", "DisablePasswordExpiration, DisableStrongPassword", true)]
    [InlineData("abcdéfgh", "DisableStrongPassword", false)] // Unicode is never allowed
    [InlineData("ABCDEFG!", null, false)] // two categories
    [InlineData("abc DEF 123", null, true)]
    [InlineData("Abc€defg1", null, false)]
    public void Password_policy_follows_entra_rules(string password, string? policies, bool compliant) =>
        Assert.Equal(compliant, PasswordPolicy.IsCompliant(password, policies));

    [Fact]
    public void Password_policy_bounds_length()
    {
        Assert.True(PasswordPolicy.IsCompliant("Aa1" + new string('x', 253), null));
        Assert.False(PasswordPolicy.IsCompliant("Aa1" + new string('x', 254), null));
    }

    [Theory]
    [InlineData("/v1.0/users", "Users", null)]
    [InlineData("/v1.0/users/", "Users", null)]
    [InlineData("/v1.0/users?$top=5", "Users", null)]
    [InlineData("/v1.0/users/$count", "UsersCount", null)]
    [InlineData("/v1.0/users/o%27neil%40contoso.com", "User", "o'neil@contoso.com")]
    [InlineData("/v1.0/users/a%2Fb", "User", "a/b")]
    [InlineData("/v1.0/users('o''neil@contoso.com')", "User", "o'neil@contoso.com")]
    [InlineData("/v1.0/users(%27x%27)", "User", "x")]
    [InlineData("/v1.0/users(userPrincipalName='adele%40contoso.com')", "User", "adele@contoso.com")]
    [InlineData("/v1.0/users('')", "User", "")]
    [InlineData("/v1.0/users('a'b')", "Invalid", null)]
    [InlineData("/v1.0/groups", "Invalid", null)]
    [InlineData("/v1.0/users/x/memberOf", "Invalid", null)]
    public void Path_parser_decodes_keys_once(string rawTarget, string kind, string? key)
    {
        var route = GraphPathParser.Parse(rawTarget);
        Assert.Equal(kind, route.Kind.ToString());
        if (key is not null)
        {
            Assert.Equal(key, route.Key);
            Assert.Null(route.Error);
        }
    }

    [Fact]
    public void Dollar_plain_key_is_an_error_but_keeps_the_key()
    {
        var route = GraphPathParser.Parse("/v1.0/users/%24x%40y.com");
        Assert.Equal("$x@y.com", route.Key);
        Assert.Equal(400, route.Error!.Status);
    }

    [Theory]
    [InlineData("userPrincipalName eq 'a'", false)]
    [InlineData("startswith(displayName,'a') or accountEnabled eq true", false)]
    [InlineData("userType in ('Guest')", false)]
    [InlineData("userType ne 'Guest'", true)]
    [InlineData("not(accountEnabled eq true)", true)]
    [InlineData("endswith(mail,'@contoso.com')", true)]
    public void Query_analysis_flags_advanced_filters(string filter, bool advanced)
    {
        var analysis = Analyse("$filter=" + Uri.EscapeDataString(filter));
        Assert.Equal(advanced, analysis.IsAdvanced);
        Assert.True(analysis.HasFilter);
    }

    [Fact]
    public void Query_analysis_flags_count_search_and_orderby_with_filter()
    {
        Assert.True(Analyse("$count=true").IsAdvanced);
        Assert.True(Analyse("$search=%22displayName:a%22").IsAdvanced);
        Assert.False(Analyse("$orderby=displayName").IsAdvanced);
        Assert.True(Analyse("$orderby=displayName&$filter=" + Uri.EscapeDataString("userType eq 'Member'")).IsAdvanced);
        Assert.Equal("eventual", Analyse("$top=1", "eventual").ConsistencyLevel);
    }

    [Fact]
    public void Command_line_reads_every_option()
    {
        var options = CommandLine.Parse(["--port", "0", "--synthetic", "7", "--banned-passwords", "a1,b2", "--password-writeback", "false", "--domain=contoso.test"]);
        Assert.Equal(0, options.Port);
        Assert.Equal(7, options.SyntheticUsers);
        Assert.Equal(["a1", "b2"], options.BannedPasswords);
        Assert.False(options.PasswordWriteback);
        Assert.Equal("contoso.test", options.Domain);
        Assert.EndsWith("users.json", options.UsersPath, StringComparison.Ordinal);

        Assert.Throws<CommandLineException>(() => CommandLine.Parse(["--port", "x"]));
        Assert.Throws<CommandLineException>(() => CommandLine.Parse(["--nope", "1"]));
        Assert.Throws<CommandLineException>(() => CommandLine.Parse(["--users", "/does/not/exist.json"]));
    }

    private static QueryAnalysis Analyse(string query, string? consistencyLevel = null)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?" + query);
        if (consistencyLevel is not null)
        {
            context.Request.Headers["ConsistencyLevel"] = consistencyLevel;
        }

        var parser = new UserQueryParser(Catalog.Value, new SearchParser(Catalog.Value));
        return parser.ParseCollection(QueryOptions.From(context.Request), context.Request).Analysis;
    }
}
