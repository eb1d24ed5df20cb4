using System.Management.Automation;
using PasswordReset.Commands;
using PasswordReset.Errors;
using PasswordReset.Resets;
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
            { "reset 403", ErrorRecordFactory.FromGraph(forbidden, "adele@contoso.com", null, ResetStep.Reset) },
            { "lookup 403", ErrorRecordFactory.FromGraph(forbidden, "adele@contoso.com", null, ResetStep.Lookup) },
            { "read 403", ErrorRecordFactory.FromGraph(forbidden, "adele@contoso.com", null, reading: true) },
            { "no permission", ErrorRecordFactory.NoResetPermission("The token grants no permission that allows a password reset.") },
            { "sign-in", ErrorRecordFactory.SignInFailed(new InvalidOperationException("AADSTS7000215: Invalid client secret provided."), "contoso.onmicrosoft.com", interactive: false) },
            { "settings", ErrorRecordFactory.InvalidConnectionSettings(new ArgumentException("The access token is empty."), null) },
            { "filter", ErrorRecordFactory.InvalidQuery(new ArgumentException("The -Filter is white space only."), "Filter", " ") },
            { "paging", ErrorRecordFactory.PagingFailed(new InvalidOperationException("Graph repeated a next link."), "x") },
            { "policy", ErrorRecordFactory.NewPasswordNotCompliant(new[] { "8 to 256 characters" }) },
            { "conflict", ErrorRecordFactory.ParameterConflict("-A and -B cannot be used together.") },
            { "identity", ErrorRecordFactory.InvalidIdentity(new ArgumentException("No user was named."), null) },
            { "not connected", ErrorRecordFactory.NotConnected() },
        };
    }

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
}
