using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// The app registrations the identity provider issues tokens to, keyed by client id (an application id
/// is unique across Entra). Apps are kept across /_emulator/reset: they are configuration, like the
/// seed files, and a test that registered one expects it to stay usable for its whole run.
/// </summary>
internal sealed class AppRegistry
{
    private readonly ConcurrentDictionary<string, RegisteredApp> _apps = new(StringComparer.OrdinalIgnoreCase);

    public AppRegistry(EmulatorOptions options)
    {
        foreach (var app in options.Apps)
        {
            if (TryAdd(app) is null)
            {
                throw new InvalidDataException($"Duplicate app registration '{app.ClientId}'.");
            }
        }
    }

    /// <summary>Reads an --apps file: a JSON array of <see cref="AppRegistration"/> objects.</summary>
    public static IReadOnlyList<AppRegistration> Load(string path) =>
        JsonSerializer.Deserialize<List<AppRegistration>>(File.ReadAllBytes(path), JsonResponse.SerializerOptions)
        ?? throw new InvalidDataException($"'{path}' does not hold a JSON array of app registrations.");

    public RegisteredApp? Find(string clientId) => _apps.GetValueOrDefault(clientId);

    /// <summary>Validates and adds; null if the client id is taken. Throws <see cref="ArgumentException"/> for a bad registration.</summary>
    public RegisteredApp? TryAdd(AppRegistration registration)
    {
        var app = RegisteredApp.From(registration);
        return _apps.TryAdd(app.ClientId, app) ? app : null;
    }

    /// <summary>All apps as JSON, without secrets (certificates by thumbprint).</summary>
    public JsonArray Snapshot() => new([.. _apps.Values.OrderBy(a => a.ClientId, StringComparer.Ordinal).Select(a => (JsonNode)a.PublicView())]);
}
