using System.Security;
using Azure.Core;
using PasswordReset.Auth;
using PasswordReset.Graph;
using Xunit;

namespace PasswordReset.Tests.Engine;

/// <summary>
/// <see cref="CredentialFactory.ForAccessToken(SecureString, GraphEnvironment)"/>: the plain API the cmdlet calls for
/// <c>Connect-AadGraph -AccessToken</c>, so the Azure.Core credential is built in the engine, never in the cmdlet assembly.
/// </summary>
public sealed class AccessTokenPlanTests
{
    [Theory]
    [InlineData("eyJ0eXAi.abc.def")]
    [InlineData("  eyJ0eXAi.abc.def\r\n")]
    [InlineData("Bearer eyJ0eXAi.abc.def")]
    [InlineData("bearer   eyJ0eXAi.abc.def ")]
    public async Task TheTokenIsSentAsGivenWithoutSurroundingSpaceOrACopiedBearerPrefix(string pasted)
    {
        CredentialPlan plan = CredentialFactory.ForAccessToken(Secure(pasted), GraphEnvironment.USGov);

        Assert.Equal(SignInMode.AccessToken, plan.Mode);
        Assert.False(plan.CanRefresh);
        Assert.Equal(new[] { "https://graph.microsoft.us/.default" }, plan.Scopes);
        AccessToken token = await plan.Credential.GetTokenAsync(new TokenRequestContext(plan.Scopes.ToArray()), CancellationToken.None);
        Assert.Equal("eyJ0eXAi.abc.def", token.Token);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("  \n ", "empty")]
    [InlineData("eyJ0eXAi.abc\ndef", "inside")]
    [InlineData("eyJ0eXAi.abc def", "inside")]
    [InlineData("eyJ0eXAi.abc\u0007def", "inside")]
    public void AnEmptyTokenOrOneWithSpaceOrControlCharactersInsideIsRefusedWithoutQuotingIt(string pasted, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => CredentialFactory.ForAccessToken(Secure(pasted), GraphEnvironment.Global));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        if (pasted.Trim().Length > 0) Assert.DoesNotContain("eyJ0eXAi", ex.Message, StringComparison.Ordinal);
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }
}
