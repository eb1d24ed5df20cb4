using System.Management.Automation;
using PasswordReset.Commands;
using PasswordReset.Errors;
using PasswordReset.Runs;
using Xunit;

namespace PasswordReset.Tests.Engine;

/// <summary>The one place error records are built: stable ids, and advice that never repeats the message.</summary>
public sealed class ErrorRecordFactoryTests
{
    public static TheoryData<string, ErrorRecord> Records()
    {
        var forbidden = new GraphRequestException(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", "req-1", null, null);
        return new TheoryData<string, ErrorRecord>
        {
            { "reset 403", ErrorRecordFactory.FromGraph(forbidden, "adele@contoso.com", null, RunStep.Reset) },
            { "lookup 403", ErrorRecordFactory.FromGraph(forbidden, "adele@contoso.com", null, RunStep.Lookup) },
            { "read 403", ErrorRecordFactory.FromGraph(forbidden, "adele@contoso.com", null, reading: true) },
            { "revoke 403", ErrorRecordFactory.FromGraph(forbidden, "adele@contoso.com", null, RunStep.RevokeSessions) },
            { "pass 403", ErrorRecordFactory.FromGraph(forbidden, "adele@contoso.com", null, RunStep.CreateAccessPass) },
            { "pass policy", ErrorRecordFactory.FromGraph(PassRefusal("Converged UserCredentialPolicy does not allow creating or updating this authentication method."), "adele@contoso.com", null, RunStep.CreateAccessPass) },
            { "pass lifetime", ErrorRecordFactory.FromGraph(PassRefusal("lifetimeInMinutes must be from 60 to 480 under the tenant's Temporary Access Pass policy."), "adele@contoso.com", null, RunStep.CreateAccessPass) },
            { "pass unknown", ErrorRecordFactory.FromRun(Failed(RunStep.CreateAccessPass, new GraphRequestException(503, null, "Service unavailable", null, null, null) { MayHaveBeenApplied = true })) },
            { "revoke after reset", ErrorRecordFactory.LaterStepFailed(Succeeded(), new StepFailure(RunStep.RevokeSessions, forbidden)) },
            { "guest revoke", ErrorRecordFactory.FromRun(Failed(RunStep.Validation, new UserRefusedException(RunStep.RevokeSessions, "'g' is an external (B2B guest) account. Nothing was sent."))) },
            { "guest pass", ErrorRecordFactory.FromRun(Failed(RunStep.Validation, new UserRefusedException(RunStep.CreateAccessPass, "'g' is an external (B2B guest) account. Nothing was sent."))) },
            { "no revoke permission", ErrorRecordFactory.NoRevokePermission("The token grants none of the permissions a revocation needs. Nothing was sent.") },
            { "no pass permission", ErrorRecordFactory.NoAccessPassPermission("The token grants none of the permissions a pass needs. Nothing was sent.") },
            { "no permission", ErrorRecordFactory.NoResetPermission("The token grants no permission that allows a password reset.") },
            { "sign-in", ErrorRecordFactory.SignInFailed(new PasswordReset.Auth.SignInFailedException("Sign-in to Microsoft Graph failed: AADSTS7000215: Invalid client secret provided.", new InvalidOperationException("AADSTS7000215: Invalid client secret provided.")), "contoso.onmicrosoft.com", interactive: false) },
            { "settings", ErrorRecordFactory.InvalidConnectionSettings(new ArgumentException("The access token is empty."), null) },
            { "filter", ErrorRecordFactory.InvalidQuery(new ArgumentException("The -Filter is white space only."), "Filter", " ") },
            { "paging", ErrorRecordFactory.PagingFailed(new InvalidOperationException("Graph repeated a next link."), "x") },
            { "policy", ErrorRecordFactory.NewPasswordNotCompliant(new[] { "8 to 256 characters" }) },
            { "conflict", ErrorRecordFactory.ParameterConflict("-A and -B cannot be used together.") },
            { "identity", ErrorRecordFactory.InvalidIdentity(new ArgumentException("No user was named."), null) },
            { "not connected", ErrorRecordFactory.NotConnected() },
        };
    }

    private static readonly UserInput Adele = new(0, PasswordReset.Users.UserReference.Create(null, "adele@contoso.com"), null, "adele@contoso.com");

    private static GraphRequestException PassRefusal(string message) => new(400, "badRequest", message, "req-2", null, null);

    private static UserFailed Failed(RunStep step, Exception error) => new(Adele, step, error);

    private static UserSucceeded Succeeded() => new(Adele, new PasswordResetResult(), [], false, null);

    [Theory]
    [MemberData(nameof(Records))]
    public void AdviceIsNotRepeatedInTheMessage(string name, ErrorRecord record)
    {
        string message = record.ErrorDetails?.Message ?? record.Exception.Message;
        string? advice = record.ErrorDetails?.RecommendedAction;
        Assert.False(string.IsNullOrWhiteSpace(advice), name);
        Assert.DoesNotContain(advice!, message, StringComparison.Ordinal);
        // No sentence of the advice appears in the message either.
        foreach (string sentence in advice!.Split(". ", StringSplitOptions.RemoveEmptyEntries))
        {
            if (sentence.Length > 30) Assert.DoesNotContain(sentence.TrimEnd('.'), message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A403OnAReadNamesReadPermissionsNotTheResetRoleTable()
    {
        var forbidden = new GraphRequestException(403, "Authorization_RequestDenied", "Insufficient privileges.", "req-1", null, null);
        var record = ErrorRecordFactory.FromGraph(forbidden, "adele@contoso.com", null, reading: true);
        Assert.Contains("User.Read.All", record.ErrorDetails!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Helpdesk", record.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorIds.PermissionDenied, record.FullyQualifiedErrorId);
    }

    [Fact]
    public void ASignInThatNeverReachedEntraIdAdvisesTheNetworkNotTheCredential()
    {
        var unreachable = new PasswordReset.Auth.SignInFailedException("Sign-in to Microsoft Graph failed: Retry failed after 4 tries.",
            new InvalidOperationException("Retry failed after 4 tries.", new System.Net.Http.HttpRequestException("Name or service not known (login.microsoftonline.com:443)",
                new System.Net.Sockets.SocketException(11001))));
        Assert.True(unreachable.IsNetworkFailure);
        Assert.Contains("network", ErrorRecordFactory.SignInFailed(unreachable, "contoso.onmicrosoft.com", interactive: false).ErrorDetails!.RecommendedAction, StringComparison.Ordinal);

        var refused = new PasswordReset.Auth.SignInFailedException("Sign-in failed: AADSTS7000215: Invalid client secret provided.",
            new InvalidOperationException("AADSTS7000215: Invalid client secret provided.", new System.Net.Http.HttpRequestException("400")));
        Assert.False(refused.IsNetworkFailure);
        Assert.Contains("credential", ErrorRecordFactory.SignInFailed(refused, "contoso.onmicrosoft.com", interactive: false).ErrorDetails!.RecommendedAction, StringComparison.Ordinal);
    }
}
