using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// Everything /_emulator/reset puts back: users and passwords (re-read from the seed files, plus the
/// start-up synthetic count; users added by POST /_emulator/users are dropped), settings, the request log, the
/// issued-token log and token revocations. Tenants added by POST /_emulator/tenants are dropped; app
/// registrations are kept (they are configuration, see <see cref="AppRegistry"/>).
/// </summary>
internal sealed class EmulatorState(
    EmulatorOptions options, UserStore store, EmulatorSettings settings, RequestLog log, TokenService tokens, TenantDirectory tenants, IssuedTokenLog issued)
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
    }
}
