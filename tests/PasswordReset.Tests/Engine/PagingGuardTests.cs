using PasswordReset.Users;
using Xunit;

namespace PasswordReset.Tests.Engine;

/// <summary>Paging ends when the server loops or makes no progress, and never at a fixed page count.</summary>
public sealed class PagingGuardTests
{
    [Fact]
    public void ALinkAlreadyFollowedIsALoop()
    {
        var guard = new PagingGuard();
        guard.Check(100, "https://graph/v1.0/users?$skiptoken=a");
        guard.Check(100, "https://graph/v1.0/users?$skiptoken=b");
        Assert.Contains("already followed", Assert.Throws<InvalidOperationException>(() => guard.Check(100, "https://graph/v1.0/users?$skiptoken=a")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyPagesThatKeepCarryingALinkMakeNoProgress()
    {
        var guard = new PagingGuard();
        for (int i = 0; i < PagingGuard.MaxEmptyPagesInARow - 1; i++) guard.Check(0, "link" + i);
        guard.Check(1, "x"); // a page with users resets the count
        for (int i = 0; i < PagingGuard.MaxEmptyPagesInARow - 1; i++) guard.Check(0, "more" + i);
        Assert.Throws<InvalidOperationException>(() => guard.Check(0, "last"));
    }

    [Fact]
    public void ALargeTenantIsNeverCutOff()
    {
        var guard = new PagingGuard();
        for (int i = 0; i < 100_000; i++) guard.Check(999, "link" + i);
        guard.Check(10, null);
        Assert.Equal(100_001, guard.Pages);
    }
}
