using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// Everything /_emulator/reset puts back: users and passwords (re-read from the seed files, plus the
/// start-up synthetic count; users added by POST /_emulator/users are dropped), settings, the request log and token revocations.
/// </summary>
internal sealed class EmulatorState(EmulatorOptions options, UserStore store, EmulatorSettings settings, RequestLog log, TokenService tokens)
{
    public JsonArray Roles { get; private set; } = [];

    public void Reset()
    {
        store.Reset(SeedLoader.LoadUsers(options.UsersPath), options.SyntheticUsers);
        Roles = SeedLoader.LoadRoles(options.RolesPath);
        settings.Update(options.PasswordWriteback, options.BannedPasswords, options.FederatedDomains);
        log.Clear();
        tokens.Revocations.Clear();
    }
}
