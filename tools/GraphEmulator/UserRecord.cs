using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// One stored user: the Graph properties exactly as seeded/patched, plus the password state that
/// Graph never returns (only /_emulator/users/{key} shows it). Mutated only under the store's lock.
/// </summary>
internal sealed partial class UserRecord(JsonObject data)
{
    public JsonObject Data { get; } = data;

    public string Id => (string)Data["id"]!;

    public string? UserPrincipalName => Data["userPrincipalName"]?.GetValue<string>();

    public string? Password { get; set; }

    public bool ForceChangePasswordNextSignIn { get; set; }

    public bool ForceChangePasswordNextSignInWithMfa { get; set; }

    /// <summary>How many PATCHes applied a password (a password that was refused does not count).</summary>
    public int PasswordResetCount { get; set; }

    /// <summary>When a PATCH last applied a password (full precision, unlike lastPasswordChangeDateTime); null if never.</summary>
    public DateTimeOffset? PasswordChangedAt { get; set; }

    public bool IsOnPremisesSynced => Data["onPremisesSyncEnabled"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>The whole record for the control surface; the one place the password is readable.</summary>
    public JsonObject ToControlView()
    {
        var view = Data.DeepClone().AsObject();
        view["passwordProfile"] = new JsonObject
        {
            ["password"] = Password,
            ["forceChangePasswordNextSignIn"] = ForceChangePasswordNextSignIn,
            ["forceChangePasswordNextSignInWithMfa"] = ForceChangePasswordNextSignInWithMfa,
        };
        view["passwordResetCount"] = PasswordResetCount;
        AddActionState(view); // sign-in session revocations and the Temporary Access Pass (UserRecord.Actions.cs)
        return view;
    }
}
