using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// The user schema as the contract's property table (user-properties.v1.0.json) states it:
/// names, types, default select set and the $filter operators each description allows.
/// </summary>
internal sealed class UserPropertyCatalog
{
    // The table takes `id` from microsoft.graph.entity, whose description names no $filter support;
    // the user resource page documents id as "Supports $filter (eq, ne, not, in)".
    private static readonly Dictionary<string, string[]> FilterOverrides = new(StringComparer.Ordinal)
    {
        ["id"] = ["eq", "ne", "not", "in"],
    };

    // Flagged read-only by their description only "for users synced from the on-premises directory";
    // they stay writable for cloud users (user-update lists both as updatable).
    private static readonly HashSet<string> WritableDespiteFlag = new(StringComparer.Ordinal) { "businessPhones", "mobilePhone" };

    private readonly Dictionary<string, UserProperty> _byName;
    private readonly HashSet<string> _navigation;

    private UserPropertyCatalog(IReadOnlyList<UserProperty> properties, IReadOnlyList<string> defaultSelect, HashSet<string> navigation)
    {
        Properties = properties;
        _byName = properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        _navigation = navigation;
        DefaultSelect = defaultSelect.Select(n => _byName[n]).ToList();
    }

    /// <summary>Structural (non-navigation) properties in schema order.</summary>
    public IReadOnlyList<UserProperty> Properties { get; }

    /// <summary>The documented default set (graph-facts §4), with id last as Graph orders it.</summary>
    public IReadOnlyList<UserProperty> DefaultSelect { get; }

    public static UserPropertyCatalog Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
            ?? throw new InvalidDataException($"'{path}' is not a JSON object.");
        var properties = new List<UserProperty>();
        var navigation = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in root["properties"]!.AsArray())
        {
            var p = node!.AsObject();
            var name = (string)p["name"]!;
            if ((bool)p["navigation"]!)
            {
                navigation.Add(name);
                continue;
            }

            var ops = FilterOverrides.TryGetValue(name, out var o)
                ? o
                : p["filterOperatorsPerDescription"]!.AsArray().Select(x => (string)x!);
            properties.Add(new UserProperty(
                name,
                (string)p["type"]!,
                (bool)p["nullable"]!,
                (bool)p["readOnlyPerDescription"]! && !WritableDespiteFlag.Contains(name),
                new HashSet<string>(ops, StringComparer.Ordinal),
                (bool)p["orderbyPerDescription"]!,
                (bool)p["searchPerDescription"]!));
        }

        var defaults = root["documentedDefaultSelect"]!.AsArray().Select(x => (string)x!).ToList();
        defaults = [.. defaults.Where(n => n != "id"), "id"];
        return new UserPropertyCatalog(properties, defaults, navigation);
    }

    public bool TryGet(string name, out UserProperty property) => _byName.TryGetValue(name, out property!);

    public bool IsNavigation(string name) => _navigation.Contains(name);

    public UserProperty this[string name] => _byName[name];
}
