using PasswordReset.Passwords;
using PasswordReset.Resets;
using PasswordReset.Users;
using Xunit;

namespace PasswordReset.Tests.Engine.Resets;

/// <summary>The journal: intent on disk before the request, outcomes after, resume rules, owner-only file, refusals.</summary>
public sealed class ResetJournalTests : IDisposable
{
    private const string Tenant = "dcd219dd-bc68-4b9b-bf0b-4a33a796be35";
    private readonly string _folder = Directory.CreateTempSubdirectory("journal-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static async Task<List<RunEvent>> RunAsync(FakeGraphCaller caller, ResetJournal journal, params string[] upns)
    {
        using var run = new ResetRun(caller, new TemporaryPasswordGenerator(), new ResetRunOptions { TenantId = Tenant }, journal);
        for (int i = 0; i < upns.Length; i++) Assert.True(run.TrySubmit(new ResetInput(i, UserReference.Create(null, upns[i]), null, upns[i])));
        run.Complete();
        Assert.True(await run.WaitForCompletionAsync(TimeSpan.FromSeconds(30)));
        var events = new List<RunEvent>();
        while (run.TryTake(out var e)) events.Add(e!);
        return events;
    }

    private static FakeGraphCaller Users() => new FakeGraphCaller()
        .WithUser("00000000-0000-0000-0000-000000000001", "a@contoso.com")
        .WithUser("00000000-0000-0000-0000-000000000002", "b@contoso.com");

    [Fact]
    public async Task ThePasswordIsOnDiskBeforeThePatchLeavesAndTheOutcomeAfter()
    {
        string path = PathOf("run.journal");
        var caller = Users();
        string? onDiskWhenSent = null;
        caller.BeforeAnswer = call => { if (call.Method == "PATCH") onDiskWhenSent = File.ReadAllText(path); };
        using (var journal = ResetJournal.Open(path, resume: false, Tenant))
        {
            var events = await RunAsync(caller, journal, "a@contoso.com");
            string password = Assert.Single(events.OfType<ResetSucceeded>()).Result.TemporaryPassword!;
            var intent = onDiskWhenSent!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
                .Single(l => l.GetProperty("event").GetString() == "intent");
            Assert.Equal(password, intent.GetProperty("password").GetString());
            Assert.DoesNotContain("\"success\"", onDiskWhenSent, StringComparison.Ordinal);
        }

        Assert.Contains("\"event\":\"success\"", File.ReadAllText(path), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task ResumeReEmitsRecordedSuccessesAndReSendsTheJournaledPasswordWhereNoAnswerWasRecorded()
    {
        string path = PathOf("resume.journal");
        var first = Users();
        // b's answer is lost for good: retries ran out, the outcome is unknown.
        first.OnPatch = call => call.RelativeUrl.EndsWith("2", StringComparison.Ordinal)
            ? throw FakeGraphCaller.Unknown()
            : Task.FromResult(FakeGraphCaller.Answer(204, null, "rid-a"));
        string passwordA, passwordB;
        using (var journal = ResetJournal.Open(path, resume: false, Tenant))
        {
            var events = await RunAsync(first, journal, "a@contoso.com", "b@contoso.com");
            passwordA = events.OfType<ResetSucceeded>().Single().Result.TemporaryPassword!;
            passwordB = FakeGraphCaller.PasswordOf(first.Patches.Single(p => p.RelativeUrl.EndsWith("2", StringComparison.Ordinal)));
        }

        var second = Users();
        using (var journal = ResetJournal.Open(path, resume: true, Tenant))
        {
            var events = await RunAsync(second, journal, "a@contoso.com", "b@contoso.com");
            var results = events.OfType<ResetSucceeded>().ToDictionary(e => e.Result.UserPrincipalName!);
            Assert.True(results["a@contoso.com"].FromJournal);
            Assert.Equal(passwordA, results["a@contoso.com"].Result.TemporaryPassword);
            Assert.Equal("rid-a", results["a@contoso.com"].Result.RequestId);
            Assert.False(results["b@contoso.com"].FromJournal);
            Assert.Equal(passwordB, results["b@contoso.com"].Result.TemporaryPassword);
        }

        var patch = Assert.Single(second.Patches);
        Assert.EndsWith("2", patch.RelativeUrl, StringComparison.Ordinal);
        Assert.Equal(passwordB, FakeGraphCaller.PasswordOf(patch));
    }

    [Fact]
    public void ATornLineStaysResumableAfterAResume()
    {
        string path = PathOf("torn-twice.journal");
        ResetJournal.Open(path, resume: false, Tenant).Dispose();
        File.AppendAllText(path, "{\"event\":\"intent\",\"userId\":\"00000000-0000-0000-0000-000000000001\",\"pass");
        ResetJournal.Open(path, resume: true, Tenant).Dispose(); // closes the torn line, appends its own run line
        using var again = ResetJournal.Open(path, resume: true, Tenant);
        Assert.Empty(again.Previous);
    }

    [Fact]
    public void ASecondRunOnTheSameJournalIsRefusedWhileTheFirstHasItOpen()
    {
        string path = PathOf("busy.journal");
        using var first = ResetJournal.Open(path, resume: false, Tenant);
        Assert.Contains("another run", Assert.Throws<JournalException>(() => ResetJournal.Open(path, resume: true, Tenant)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExistingJournalNeedsResume()
    {
        string path = PathOf("exists.journal");
        ResetJournal.Open(path, resume: false, Tenant).Dispose();
        Assert.Contains("-Resume", Assert.Throws<JournalException>(() => ResetJournal.Open(path, resume: false, Tenant)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AJournalInAFolderThatDoesNotExistSaysSo()
    {
        string path = PathOf(Path.Combine("no-such-folder", "run.journal"));
        var ex = Assert.Throws<JournalException>(() => ResetJournal.Open(path, resume: false, Tenant));
        Assert.Contains("folder", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("another run", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResumingAJournalThatDoesNotExistIsRefused()
    {
        string path = PathOf("typo.journal");
        Assert.Contains("no journal", Assert.Throws<JournalException>(() => ResetJournal.Open(path, resume: true, Tenant)).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void AnotherTenantsJournalIsRefused()
    {
        string path = PathOf("tenant.journal");
        ResetJournal.Open(path, resume: false, Tenant).Dispose();
        var ex = Assert.Throws<JournalException>(() => ResetJournal.Open(path, resume: true, "11111111-1111-1111-1111-111111111111"));
        Assert.Contains(Tenant, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATornLastLineIsIgnoredButDamageElsewhereIsRefused()
    {
        string path = PathOf("torn.journal");
        ResetJournal.Open(path, resume: false, Tenant).Dispose();
        File.AppendAllText(path, "{\"event\":\"intent\",\"userId\":\"00000000-0000-0000-0000-000000000001\",\"password\":\"Abc");
        using (var journal = ResetJournal.Open(path, resume: true, Tenant))
        {
            Assert.Empty(journal.Previous);
        }

        File.WriteAllText(path, "{\"event\":\"run\",\"version\":1}\nnot json\n{\"event\":\"intent\",\"userId\":\"x\"}\n");
        Assert.Throws<JournalException>(() => ResetJournal.Open(path, resume: true, Tenant));
        File.WriteAllText(path, "{\"event\":\"intent\",\"userId\":\"x\"}\n");
        Assert.Throws<JournalException>(() => ResetJournal.Open(path, resume: true, Tenant));
    }
}
