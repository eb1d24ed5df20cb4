using System.Globalization;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// What the routes under a user keep on the stored user (mutated only under the store's lock, like the password):
/// sign-in session revocations (graph-facts §9) and the Temporary Access Pass (§10). Graph shows neither except as
/// signInSessionsValidFromDateTime and the pass without its code; the control view shows everything.
/// </summary>
internal sealed partial class UserRecord
{
    /// <summary>When revokeSignInSessions last succeeded for this user (full precision); null if never.</summary>
    public DateTimeOffset? SignInSessionsRevokedAt { get; set; }

    /// <summary>How many revokeSignInSessions calls succeeded for this user.</summary>
    public int SignInSessionsRevokedCount { get; set; }

    /// <summary>The pass in force, or null (none created, or deleted).</summary>
    public TemporaryAccessPass? TemporaryAccessPass { get; set; }

    /// <summary>How many passes were created for this user (each create replaces the previous pass).</summary>
    public int TemporaryAccessPassCreatedCount { get; set; }

    /// <summary>Records a revocation: Graph resets signInSessionsValidFromDateTime to now (§9).</summary>
    public void RevokeSignInSessions(DateTimeOffset now)
    {
        SignInSessionsRevokedAt = now;
        SignInSessionsRevokedCount++;
        Data["signInSessionsValidFromDateTime"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }

    private void AddActionState(JsonObject view)
    {
        view["signInSessionsRevokedDateTime"] = SignInSessionsRevokedAt?.ToString("O", CultureInfo.InvariantCulture);
        view["signInSessionsRevokedCount"] = SignInSessionsRevokedCount;
        view["temporaryAccessPass"] = TemporaryAccessPass?.ToControlView();
        view["temporaryAccessPassCreatedCount"] = TemporaryAccessPassCreatedCount;
    }
}
