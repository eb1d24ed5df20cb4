using System.Collections.Immutable;

namespace GraphEmulator;

/// <summary>
/// The one place every piece of resettable state is registered: what /_emulator/reset puts back — users and
/// passwords (re-read from the seed files, plus the start-up synthetic count; users added by POST
/// /_emulator/users are dropped), directory roles (re-read from roles.json; members added by POST
/// /_emulator/roles/members are dropped), settings, the request log, the issued-token log, token revocations, faults and
/// latency and throttling limits (back to the command line's), the fault attempt counts, the throttling buckets, the
/// Temporary Access Pass policy (back to Graph's defaults). Tenants added by POST /_emulator/tenants are
/// dropped. Kept on purpose: app registrations (configuration, see <see cref="AppRegistry"/>) and contract
/// violations (a whole run is checked at its end).
/// </summary>
internal sealed class EmulatorState(
    EmulatorOptions options,
    UserStore store,
    EmulatorSettings settings,
    RequestLog log,
    TokenService tokens,
    TenantDirectory tenants,
    IssuedTokenLog issued,
    FaultInjector faults,
    Latency latency,
    GraphThrottle throttle,
    TemporaryAccessPassPolicyStore passPolicy)
{
    private readonly object _rolesWrite = new();
    private ImmutableList<DirectoryRole> _roles = [];

    /// <summary>
    /// The directory roles with their members. Never changed in place: a change publishes a new list (copy-on-write),
    /// so a request reading it while members are added sees the old or the new one, whole.
    /// </summary>
    public IReadOnlyList<DirectoryRole> Roles => Volatile.Read(ref _roles);

    /// <summary>
    /// Adds users to the directory role with <paramref name="roleTemplateId"/> (a role not in roles.json yet is added);
    /// users already members stay once. Returns the role as it now is.
    /// </summary>
    public DirectoryRole AddRoleMembers(string roleTemplateId, IEnumerable<string> userIds)
    {
        lock (_rolesWrite)
        {
            var existing = _roles.FirstOrDefault(r => string.Equals(r.RoleTemplateId, roleTemplateId, StringComparison.OrdinalIgnoreCase));
            var changed = (existing ?? DirectoryRole.Empty(roleTemplateId)).WithMembers(userIds);
            Volatile.Write(ref _roles, existing is null ? _roles.Add(changed) : _roles.Replace(existing, changed));
            return changed;
        }
    }

    public void Reset()
    {
        store.Reset(SeedLoader.LoadUsers(options.UsersPath), options.SyntheticUsers);
        lock (_rolesWrite)
        {
            Volatile.Write(ref _roles, [.. SeedLoader.LoadRoles(options.RolesPath).Select(r => DirectoryRole.FromJson(r!.AsObject()))]);
        }

        settings.Update(options.PasswordWriteback, options.BannedPasswords, options.FederatedDomains);
        tenants.RemoveAdded();
        log.Clear();
        issued.Clear();
        tokens.Revocations.Clear();
        faults.Reset();
        latency.Reset();
        throttle.Configure(options.Throttling); // start-up limits, every bucket full, counters at zero
        passPolicy.Reset(); // Graph's default Temporary Access Pass policy
    }
}
