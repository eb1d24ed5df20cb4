namespace GraphEmulator;

/// <summary>The users as seen inside one <see cref="UserStore"/> lock (never keep a reference outside it).</summary>
internal interface IUserSet
{
    /// <summary>All users in stable order: seed order, then synthetic users.</summary>
    IReadOnlyList<UserRecord> All { get; }

    /// <summary>By object id or userPrincipalName, case-insensitive.</summary>
    UserRecord? Find(string key);

    bool IsUserPrincipalNameTaken(string userPrincipalName, string exceptId);

    /// <summary>Call after a user's userPrincipalName changed so lookups follow it.</summary>
    void Reindex(UserRecord user, string? previousUserPrincipalName);
}
