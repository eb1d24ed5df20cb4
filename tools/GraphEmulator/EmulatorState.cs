using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// The one place every piece of resettable state is registered: what /_emulator/reset puts back — users and
/// passwords (re-read from the seed files, plus the start-up synthetic count; users added by POST
/// /_emulator/users are dropped), settings, the request log, the issued-token log, token revocations, faults and
/// latency and throttling limits (back to the command line's), the fault attempt counts, the throttling buckets. Tenants added by POST /_emulator/tenants are
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
    GraphThrottle throttle)
{
    public JsonArray Roles { get; private set; } = [];

    public void Reset()
    {
        store.Reset(SeedLoader.LoadUsers(options.UsersPath), options.SyntheticUsers);
        Roles = SeedLoader.LoadRoles(options.RolesPath);
        settings.Update(options.PasswordWriteback, options.BannedPasswords, options.FederatedDomains);
        tenants.RemoveAdded();
        log.Clear();
        issued.Clear();
        tokens.Revocations.Clear();
        faults.Reset();
        latency.Reset();
        throttle.Configure(options.Throttling); // start-up limits, every bucket full, counters at zero
    }
}
