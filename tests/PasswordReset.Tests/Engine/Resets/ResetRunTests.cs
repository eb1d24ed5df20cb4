using System.Text.Json;
using PasswordReset.Errors;
using PasswordReset.Graph.Batching;
using PasswordReset.Passwords;
using PasswordReset.Resets;
using PasswordReset.Runs;
using PasswordReset.Users;
using Xunit;

namespace PasswordReset.Tests.Engine.Resets;

/// <summary>The reset run's decisions (one outcome per input, same password on every send, duplicates, run policy, stop, journal) over an in-memory caller.</summary>
public sealed class ResetRunTests
{
    private const string Adele = "6e7b768e-07e2-4810-8459-485f84f8f204";
    private const string Megan = "48d31887-5fad-4d73-a9f5-3c356e68a038";

    private static List<RunEvent> Run(FakeGraphCaller caller, IEnumerable<UserInput> inputs, PasswordResetOptions? password = null, UserRunOptions? options = null, Action<UserRun>? afterSubmit = null)
    {
        using var run = new UserRun(caller, new ResetOperation(password ?? new PasswordResetOptions(), null), options ?? new UserRunOptions());
        var events = new List<RunEvent>();
        foreach (var input in inputs)
        {
            while (!run.TrySubmit(input)) Drain(run, events);
        }

        afterSubmit?.Invoke(run);
        run.Complete();
        Assert.True(run.WaitForCompletionAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult());
        Drain(run, events);
        return events;
    }

    private static void Drain(UserRun run, List<RunEvent> events)
    {
        run.EventSignal.WaitOne(10);
        while (run.TryTake(out var e)) events.Add(e!);
    }

    private static UserInput Upn(long index, string upn) => new(index, UserReference.Create(null, upn), null, upn);

    private static UserInput IdOf(long index, string id) => new(index, UserReference.Create(id, null), null, id);

    private static IEnumerable<T> Of<T>(List<RunEvent> events) => events.OfType<T>();

    [Fact]
    public void LooksUpThenPatchesTheObjectIdWithEveryFlagExplicit()
    {
        var caller = new FakeGraphCaller().WithUser(Adele, "adele@contoso.com", "Adele Vance");
        var events = Run(caller, [Upn(0, "adele@contoso.com")], new PasswordResetOptions { ForceChangePasswordNextSignIn = false });

        var calls = caller.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.StartsWith("/users/adele%40contoso.com?$select=id,userPrincipalName", calls[0].RelativeUrl, StringComparison.Ordinal);
        Assert.Equal("PATCH", calls[1].Method);
        Assert.Equal("/users/" + Adele, calls[1].RelativeUrl);
        var profile = JsonDocument.Parse(calls[1].BodyJson!).RootElement.GetProperty("passwordProfile");
        Assert.Equal(JsonValueKind.False, profile.GetProperty("forceChangePasswordNextSignIn").ValueKind);
        Assert.Equal(JsonValueKind.False, profile.GetProperty("forceChangePasswordNextSignInWithMfa").ValueKind);

        var result = Assert.Single(Of<UserSucceeded>(events)).Reset();
        Assert.Equal(Adele, result.Id);
        Assert.Equal("Adele Vance", result.DisplayName);
        Assert.Equal("rid-204", result.RequestId);
        Assert.Equal(profile.GetProperty("password").GetString(), result.TemporaryPassword);
        Assert.Empty(EntraPasswordPolicy.Validate(result.TemporaryPassword!));
    }

    [Theory]
    [InlineData("$adele@contoso.com", "/users(userPrincipalName='%24adele%40contoso.com')")]
    [InlineData("$o'neil@contoso.com", "/users(userPrincipalName='%24o%27%27neil%40contoso.com')")]
    [InlineData("a_contoso.com#EXT#@fab.onmicrosoft.com", "/users/a_contoso.com%23EXT%23%40fab.onmicrosoft.com")]
    [InlineData("o'neil@contoso.com", "/users/o%27neil%40contoso.com")]
    public void EncodesEachLookupKeyOnceAsADirectRequestWould(string key, string expectedPath)
    {
        var caller = new FakeGraphCaller();
        var events = Run(caller, [Upn(0, key)]);
        Assert.Equal(expectedPath, caller.Calls.Single().RelativeUrl.Split('?')[0]);
        var failure = Assert.Single(Of<UserFailed>(events));
        Assert.Equal(RunStep.Lookup, failure.Step);
        Assert.Equal(GraphFailureKind.NotFound, Assert.IsType<GraphRequestException>(failure.Error).Kind);
        Assert.Equal("rid-404", ((GraphRequestException)failure.Error).RequestId);
    }

    [Fact]
    public void AKnownUserIsNotLookedUpAndAnAdminPasswordIsNotEchoed()
    {
        var caller = new FakeGraphCaller();
        var known = new AadUser { Id = Adele, UserPrincipalName = "adele@contoso.com" };
        var events = Run(caller, [new UserInput(0, UserReference.Create(known.Id, known.UserPrincipalName), known, known)],
            new PasswordResetOptions { NewPassword = "Own-Passw0rd-42" });
        Assert.Equal("PATCH", Assert.Single(caller.Calls).Method);
        Assert.Equal("Own-Passw0rd-42", FakeGraphCaller.PasswordOf(caller.Calls.Single()));
        Assert.Null(Assert.Single(Of<UserSucceeded>(events)).Reset().TemporaryPassword);
    }

    [Fact]
    public void ExternalUsersAreRefusedBeforeAnyPatch()
    {
        var caller = new FakeGraphCaller().WithUser(Adele, "a_contoso.com#EXT#@fab.onmicrosoft.com");
        var events = Run(caller, [IdOf(0, Adele)]);
        Assert.Empty(caller.Patches);
        var failure = Assert.Single(Of<UserFailed>(events));
        Assert.Equal(RunStep.Validation, failure.Step);
        Assert.IsType<UserRefusedException>(failure.Error);
    }

    private static readonly GraphAnswer Banned = FakeGraphCaller.Error(400, "Request_BadRequest", "The specified password does not comply with password complexity requirements. Please provide a different password.");

    [Fact]
    public void ARejectedGeneratedPasswordIsRegeneratedOnceAndTheSecondRejectionReported()
    {
        var caller = new FakeGraphCaller().WithUser(Adele, "adele@contoso.com");
        caller.OnPatch = _ => Task.FromResult(Banned);
        var events = Run(caller, [IdOf(0, Adele)]);
        var patches = caller.Patches.ToList();
        Assert.Equal(2, patches.Count);
        Assert.NotEqual(FakeGraphCaller.PasswordOf(patches[0]), FakeGraphCaller.PasswordOf(patches[1]));
        var failure = Assert.Single(Of<UserFailed>(events));
        Assert.Equal(RunStep.Reset, failure.Step);
        Assert.Equal(GraphFailureKind.PasswordRejected, ((GraphRequestException)failure.Error).Kind);
        Assert.DoesNotContain(FakeGraphCaller.PasswordOf(patches[1]), failure.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnAdminPasswordIsNeverRetried()
    {
        var caller = new FakeGraphCaller().WithUser(Adele, "adele@contoso.com");
        caller.OnPatch = _ => Task.FromResult(Banned);
        var events = Run(caller, [IdOf(0, Adele)], new PasswordResetOptions { NewPassword = "Banned-Passw0rd-1" });
        Assert.Single(caller.Patches);
        Assert.Single(Of<UserFailed>(events));
    }

    [Fact]
    public void AUserNamedTwiceIsResetOnceAndTheLaterInputNamesTheEarlier()
    {
        var caller = new FakeGraphCaller().WithUser(Adele, "adele@contoso.com").WithUser(Megan, "megan@contoso.com");
        var events = Run(caller, [Upn(0, "adele@contoso.com"), Upn(1, "ADELE@contoso.com"), IdOf(2, Megan), Upn(3, "megan@contoso.com")]);

        Assert.Equal(2, caller.Patches.Count());
        Assert.Equal(2, Of<UserSucceeded>(events).Count());
        var duplicates = Of<UserFailed>(events).Select(f => Assert.IsType<DuplicateInputException>(f.Error)).ToList();
        Assert.Equal(2, duplicates.Count);
        var sameCase = duplicates.Single(d => d.UserId.Contains("adele", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, sameCase.EarlierInput.Index);
        Assert.Contains("#1", sameCase.Message, StringComparison.Ordinal);
        Assert.Equal(4, events.Count(e => e is UserSucceeded or UserFailed)); // one outcome per input
    }

    [Fact]
    public void TheEarlierInputKeepsAUserEvenWhenTheLaterLookupAnswersFirst()
    {
        var caller = new FakeGraphCaller().WithUser(Adele, "adele@contoso.com");
        // The UPN lookup (input #1) is slow; the object-id lookup (input #2) answers at once.
        caller.BeforeAnswer = call => { if (call.RelativeUrl.Contains("adele%40", StringComparison.Ordinal)) Thread.Sleep(200); };
        var events = Run(caller, [Upn(0, "adele@contoso.com"), IdOf(1, Adele)]);
        Assert.Equal(0, Assert.Single(Of<UserSucceeded>(events)).Input.Index);
        var duplicate = Assert.IsType<DuplicateInputException>(Assert.Single(Of<UserFailed>(events)).Error);
        Assert.Equal(1, Assert.Single(Of<UserFailed>(events)).Input.Index);
        Assert.Equal(0, duplicate.EarlierInput.Index);
        Assert.Single(caller.Patches);
    }

    [Fact]
    public void ARetryBudgetThatRunsOutOnAPatchIsAnOutcomeUnknownFailureOfTheRunStep()
    {
        var caller = new FakeGraphCaller().WithUser(Adele, "adele@contoso.com");
        caller.OnPatch = _ => throw FakeGraphCaller.Unknown();
        var failure = Assert.Single(Of<UserFailed>(Run(caller, [IdOf(0, Adele)])));
        Assert.Equal(RunStep.Reset, failure.Step);
        Assert.True(((GraphRequestException)failure.Error).MayHaveBeenApplied);
    }

    [Fact]
    public async Task A401EndsTheRunAndLeavesLaterInputsUnattempted()
    {
        var caller = new FakeGraphCaller();
        for (int i = 0; i < 50; i++) caller.WithUser($"00000000-0000-0000-0000-{i:D12}", $"u{i}@contoso.com");
        caller.OnPatch = async _ => { await Task.Delay(5); return FakeGraphCaller.Error(401, "InvalidAuthenticationToken", "Access token has expired."); };
        using var run = new UserRun(caller, new ResetOperation(new PasswordResetOptions(), null), new UserRunOptions { MaxUsersInFlight = 2 });
        var events = new List<RunEvent>();
        for (int i = 0; i < 50; i++)
        {
            var input = Upn(i, $"u{i}@contoso.com");
            while (!run.TrySubmit(input)) Drain(run, events);
        }

        run.Complete();
        Assert.True(await run.WaitForCompletionAsync(TimeSpan.FromSeconds(30)));
        Drain(run, events);
        Assert.Equal(RunEndReason.Authentication, run.Ended!.Reason);
        Assert.True(run.Counters.NotAttempted > 40);
        Assert.Equal(50, run.Counters.Completed);
    }

    [Fact]
    public async Task ForbiddenResetsAreEachTheirOwnErrorAndTheRunGoesOn()
    {
        var caller = new FakeGraphCaller();
        for (int i = 0; i < 20; i++) caller.WithUser($"00000000-0000-0000-0000-{i:D12}", $"u{i}@contoso.com");
        // The first ten are admins this caller's role may not reset; the others are ordinary users.
        caller.OnPatch = call => Task.FromResult(int.Parse(call.RelativeUrl[^2..], System.Globalization.CultureInfo.InvariantCulture) < 10
            ? FakeGraphCaller.Error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
            : FakeGraphCaller.Answer(204, null));
        using var run = new UserRun(caller, new ResetOperation(new PasswordResetOptions(), null), new UserRunOptions { MaxUsersInFlight = 4 });
        var events = new List<RunEvent>();
        for (int i = 0; i < 20; i++)
        {
            var input = Upn(i, $"u{i}@contoso.com");
            while (!run.TrySubmit(input)) Drain(run, events);
        }

        run.Complete();
        Assert.True(await run.WaitForCompletionAsync(TimeSpan.FromSeconds(30)));
        Drain(run, events);
        Assert.Null(run.Ended);
        Assert.Equal(10, run.Forbidden(RunStep.Reset));
        Assert.Equal(10, Of<UserSucceeded>(events).Count());
        Assert.Equal(10, Of<UserFailed>(events).Count(f => f.Step == RunStep.Reset));
    }

    [Fact]
    public void AfterStopNothingNewIsSentAndEveryInputIsAccountedFor()
    {
        var caller = new FakeGraphCaller();
        for (int i = 0; i < 30; i++) caller.WithUser($"00000000-0000-0000-0000-{i:D12}", $"u{i}@contoso.com");
        var events = Run(caller, Enumerable.Range(0, 30).Select(i => Upn(i, $"u{i}@contoso.com")), options: new UserRunOptions { MaxUsersInFlight = 100 },
            afterSubmit: run => run.Stop());
        int outcomes = events.Count(e => e is UserSucceeded or UserFailed);
        Assert.True(outcomes < 30);
        Assert.Equal(caller.Patches.Count(), Of<UserSucceeded>(events).Count());
    }
}
