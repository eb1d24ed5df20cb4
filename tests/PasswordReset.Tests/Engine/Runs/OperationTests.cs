using System.Text.Json;
using PasswordReset.AccessPasses;
using PasswordReset.Errors;
using PasswordReset.Graph.Batching;
using PasswordReset.Resets;
using PasswordReset.Runs;
using PasswordReset.Sessions;
using PasswordReset.Tests.Engine.Resets;
using PasswordReset.Users;
using Xunit;

namespace PasswordReset.Tests.Engine.Runs;

/// <summary>
/// The operations a run carries out for each user, over an in-memory caller: the reset's revocation step (a later request,
/// partial success kept), the revocation alone, and Temporary Access Passes (request body, result, refusals, unknown outcome).
/// </summary>
public sealed class OperationTests
{
    private const string Adele = "6e7b768e-07e2-4810-8459-485f84f8f204";
    private const string Guest = "48d31887-5fad-4d73-a9f5-3c356e68a038";

    private static (List<RunEvent> Events, UserRun Run) Run(FakeGraphCaller caller, UserOperation operation, params UserInput[] inputs)
    {
        var run = new UserRun(caller, operation, new UserRunOptions());
        var events = new List<RunEvent>();
        foreach (var input in inputs) Assert.True(run.TrySubmit(input));
        run.Complete();
        Assert.True(run.WaitForCompletionAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult());
        while (run.TryTake(out var e)) events.Add(e!);
        run.Dispose();
        return (events, run);
    }

    private static UserInput IdOf(long index, string id) => new(index, UserReference.Create(id, null), null, id);

    private static FakeGraphCaller Tenant() => new FakeGraphCaller()
        .WithUser(Adele, "adele@contoso.com", "Adele Vance")
        .WithUser(Guest, "guest_fabrikam.com#EXT#@contoso.com", "Guest");

    private static GraphAnswer Forbidden() => FakeGraphCaller.Error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");

    [Fact]
    public void RevokeSessionsFollowsTheResetInALaterRequestAndTheResultSaysSo()
    {
        var caller = Tenant();
        var (events, run) = Run(caller, new ResetOperation(new PasswordResetOptions(), null, revokeSessions: true), IdOf(0, Adele));

        var calls = caller.Calls.Select(c => (c.Method, c.RelativeUrl.Split('?')[0])).ToList();
        Assert.Equal([("GET", "/users/" + Adele), ("PATCH", "/users/" + Adele), ("POST", $"/users/{Adele}/revokeSignInSessions")], calls);
        Assert.Equal("{}", caller.Posts.Single().BodyJson);
        var success = Assert.Single(events.OfType<UserSucceeded>());
        Assert.Null(success.LaterFailure);
        Assert.True(success.Reset().SessionsRevoked);
        Assert.NotNull(success.Reset().SessionsRevokedDateTime);
        Assert.Equal(0, run.Counters.LaterStepsFailed);
    }

    [Fact]
    public void AFailedRevocationKeepsTheResultWithItsPasswordAndIsNotAFailedReset()
    {
        var caller = Tenant();
        caller.OnPost = _ => Task.FromResult(Forbidden());
        var (events, run) = Run(caller, new ResetOperation(new PasswordResetOptions(), null, revokeSessions: true), IdOf(0, Adele));

        var success = Assert.Single(events.OfType<UserSucceeded>());
        Assert.Empty(events.OfType<UserFailed>());
        Assert.Equal(FakeGraphCaller.PasswordOf(caller.Patches.Single()), success.Reset().TemporaryPassword);
        Assert.False(success.Reset().SessionsRevoked);
        Assert.Null(success.Reset().SessionsRevokedDateTime);
        Assert.Equal(RunStep.RevokeSessions, success.LaterFailure!.Step);
        Assert.Equal(GraphFailureKind.PermissionDenied, Assert.IsType<GraphRequestException>(success.LaterFailure.Error).Kind);
        Assert.Equal((1, 0, 1), (run.Counters.Succeeded, run.Counters.Failed, run.Counters.LaterStepsFailed));
        Assert.Equal(1, run.Forbidden(RunStep.RevokeSessions));
        Assert.Equal(0, run.Forbidden(RunStep.Reset));
    }

    [Fact]
    public void A401OnTheRevocationEndsTheRunButTheResetResultIsStillHandedOver()
    {
        var caller = Tenant();
        caller.OnPost = _ => Task.FromResult(FakeGraphCaller.Error(401, "InvalidAuthenticationToken", "Access token has expired."));
        var (events, run) = Run(caller, new ResetOperation(new PasswordResetOptions(), null, revokeSessions: true), IdOf(0, Adele));
        Assert.NotNull(Assert.Single(events.OfType<UserSucceeded>()).LaterFailure);
        Assert.Equal(RunEndReason.Authentication, run.Ended!.Reason);
    }

    [Fact]
    public async Task WhileTheRevocationIsPendingAStopHandsTheAcceptedResultOver()
    {
        var caller = Tenant();
        var release = new TaskCompletionSource<GraphAnswer>();
        caller.OnPost = _ => release.Task;
        using var run = new UserRun(caller, new ResetOperation(new PasswordResetOptions(), null, revokeSessions: true), new UserRunOptions());
        Assert.True(run.TrySubmit(IdOf(0, Adele)));
        run.Complete();
        while (!caller.Posts.Any()) await Task.Delay(5);

        var pending = Assert.Single(run.Pending());
        Assert.True(pending.Accepted);
        var held = Assert.IsType<PasswordResetResult>(pending.Result);
        Assert.Equal(FakeGraphCaller.PasswordOf(caller.Patches.Single()), held.TemporaryPassword);

        release.SetResult(FakeGraphCaller.Answer(200, "{\"value\":true}"));
        Assert.True(await run.WaitForCompletionAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(run.Pending());
    }

    [Fact]
    public void RevokeAloneSendsOnePostPerUserAndRefusesExternalUsersBeforeAnyCall()
    {
        var caller = Tenant();
        var (events, _) = Run(caller, new RevokeSessionsOperation(), IdOf(0, Adele), IdOf(1, Guest));

        Assert.Equal($"/users/{Adele}/revokeSignInSessions", caller.Posts.Single().RelativeUrl);
        var result = Assert.IsType<SessionRevocationResult>(Assert.Single(events.OfType<UserSucceeded>()).Result);
        Assert.Equal((Adele, "adele@contoso.com", true, "rid-revoke"), (result.Id, result.UserPrincipalName, result.SessionsRevoked, result.RequestId));
        var refused = Assert.Single(events.OfType<UserFailed>());
        Assert.Equal(RunStep.Validation, refused.Step);
        Assert.Equal(RunStep.RevokeSessions, Assert.IsType<UserRefusedException>(refused.Error).RefusedStep);
    }

    [Theory]
    [InlineData(null, null, false, "{}")]
    [InlineData(90, true, false, "{\"lifetimeInMinutes\":90,\"isUsableOnce\":true}")]
    [InlineData(null, false, true, "{\"isUsableOnce\":false,\"startDateTime\":\"2030-01-02T03:04:05.000Z\"}")]
    public void APassAsksOnlyForWhatWasGiven(int? lifetime, bool? once, bool start, string body)
    {
        var caller = Tenant();
        var options = new AccessPassOptions { LifetimeInMinutes = lifetime, IsUsableOnce = once, StartDateTime = start ? new DateTimeOffset(2030, 1, 2, 4, 4, 5, TimeSpan.FromHours(1)) : null };
        var (events, _) = Run(caller, new CreateAccessPassOperation(options), IdOf(0, Adele));

        var post = caller.Posts.Single();
        Assert.Equal($"/users/{Adele}/authentication/temporaryAccessPassMethods", post.RelativeUrl);
        Assert.Equal(body, post.BodyJson);
        var pass = Assert.IsType<TemporaryAccessPassResult>(Assert.Single(events.OfType<UserSucceeded>()).Result);
        Assert.Equal("Tap-1", pass.TemporaryAccessPass);
        Assert.Equal(60, pass.LifetimeInMinutes);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 11, 0, 0, TimeSpan.Zero), pass.ExpiresAt);
        Assert.Equal(false, pass.IsUsableOnce);
        Assert.False(string.IsNullOrEmpty(pass.MethodId));
        Assert.Equal("rid-tap-1", pass.RequestId);
    }

    [Fact]
    public void AGuestGetsNoPassAndNoRequest()
    {
        var caller = Tenant();
        var (events, _) = Run(caller, new CreateAccessPassOperation(new AccessPassOptions()), IdOf(0, Guest));
        Assert.Empty(caller.Posts);
        Assert.Equal(RunStep.CreateAccessPass, Assert.IsType<UserRefusedException>(Assert.Single(events.OfType<UserFailed>()).Error).RefusedStep);
    }

    [Theory]
    [InlineData("Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].", GraphFailureKind.AccessPassPolicyRefused)]
    [InlineData("lifetimeInMinutes must be from 60 to 480 under the tenant's Temporary Access Pass policy.", GraphFailureKind.AccessPassLifetimeRefused)]
    [InlineData("The tenant's Temporary Access Pass policy allows one-time use passes only: isUsableOnce must be true.", GraphFailureKind.AccessPassPolicyRefused)]
    [InlineData("Temporary Access Pass cannot be added to an external guest user.", GraphFailureKind.ExternalUserRefused)]
    public void PolicyRefusalsAreNamedAndNeverAnUnknownOutcome(string message, GraphFailureKind kind)
    {
        var caller = Tenant();
        caller.OnPost = _ => Task.FromResult(FakeGraphCaller.Error(400, "badRequest", message));
        var (events, _) = Run(caller, new CreateAccessPassOperation(new AccessPassOptions { LifetimeInMinutes = 600 }), IdOf(0, Adele));
        var failure = Assert.Single(events.OfType<UserFailed>());
        Assert.Equal(RunStep.CreateAccessPass, failure.Step);
        var error = Assert.IsType<GraphRequestException>(failure.Error);
        Assert.Equal(kind, error.Kind);
        Assert.False(error.MayHaveBeenApplied);
    }

    [Fact]
    public void APassWhoseRetriesRanOutIsAnUnknownOutcome()
    {
        var caller = Tenant();
        caller.OnPost = _ => throw FakeGraphCaller.Unknown();
        var (events, _) = Run(caller, new CreateAccessPassOperation(new AccessPassOptions()), IdOf(0, Adele));
        var failure = Assert.Single(events.OfType<UserFailed>());
        Assert.Equal(RunStep.CreateAccessPass, failure.Step);
        Assert.True(Assert.IsType<GraphRequestException>(failure.Error).MayHaveBeenApplied);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(43201)]
    public void ALifetimeOutsideGraphsRangeIsRefusedBeforeAnyRun(int minutes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CreateAccessPassOperation(new AccessPassOptions { LifetimeInMinutes = minutes }));

    [Theory]
    [InlineData("Delegated", "User.RevokeSessions.All", true)]
    [InlineData("Delegated", "User.Read.All User-PasswordProfile.ReadWrite.All", false)]
    [InlineData("AppOnly", "Directory.ReadWrite.All", true)]
    [InlineData("AppOnly", "User.Read.All", false)]
    public void RevocationPermissionsComeFromTheClaims(string tokenType, string permissions, bool canSucceed)
    {
        string[] granted = permissions.Split(' ');
        var context = new AadGraphContext { TokenType = tokenType, Scopes = tokenType == "Delegated" ? granted : [], Roles = tokenType == "AppOnly" ? granted : [] };
        string? why = TokenPermissions.WhyNot(context, "a revocation", TokenPermissions.RevokeSessionsPermissions);
        Assert.Equal(canSucceed, why is null);
        if (why != null) Assert.Contains("User.RevokeSessions.All", why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Delegated", "UserAuthenticationMethod.ReadWrite.All", "c4e39bd9-1100-46d3-8c65-fb160da0071f", true)]
    [InlineData("Delegated", "UserAuthenticationMethod.ReadWrite.All", "fe930be7-5e62-47db-91af-98c3a49a38b1", false)] // User Administrator
    [InlineData("Delegated", "UserAuthenticationMethod.ReadWrite.All", "", true)] // no wids: a role scoped to an administrative unit is not listed
    [InlineData("AppOnly", "UserAuthenticationMethod.ReadWrite.All", "", true)]
    [InlineData("AppOnly", "User-PasswordProfile.ReadWrite.All", "", false)]
    public void PassPermissionsAndRolesComeFromTheClaims(string tokenType, string permissions, string wids, bool canSucceed)
    {
        string[] granted = permissions.Split(' ');
        var context = new AadGraphContext
        {
            TokenType = tokenType, Scopes = tokenType == "Delegated" ? granted : [], Roles = tokenType == "AppOnly" ? granted : [],
            DirectoryRoleIds = wids.Length == 0 ? [] : [wids],
        };
        Assert.Equal(canSucceed, TokenPermissions.WhyNot(context, "a pass", TokenPermissions.AccessPassPermissions, TokenPermissions.AccessPassRoles, "may") is null);
    }
}
