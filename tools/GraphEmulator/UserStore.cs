using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>
/// Thread-safe in-memory directory. Every read and write runs under one lock; handlers get an
/// <see cref="IUserSet"/> for the duration of their callback only.
/// </summary>
/// <remarks><paramref name="idScope"/>: null for the default tenant, else the tenant id (salts synthetic user ids).</remarks>
internal sealed class UserStore(UserPropertyCatalog catalog, string domain, string? idScope = null)
{
    private readonly Lock _gate = new();
    private readonly UserSet _set = new();
    private IReadOnlyList<string> _shapeKeys = [];
    private int _syntheticCount;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _set.Users.Count;
            }
        }
    }

    /// <summary>The property names every user of this store carries (the first seed user's keys).</summary>
    public IReadOnlyList<string> ShapeKeys
    {
        get
        {
            lock (_gate)
            {
                return _shapeKeys;
            }
        }
    }

    /// <summary>
    /// Replaces everything with the seed users (cloned) and <paramref name="synthetic"/> generated ones.
    /// <paramref name="shapeKeys"/> overrides the property shape (for a tenant with no seed users).
    /// </summary>
    public void Reset(IReadOnlyList<JsonObject> seed, int synthetic, IReadOnlyList<string>? shapeKeys = null)
    {
        lock (_gate)
        {
            _set.Clear();
            foreach (var user in seed)
            {
                _set.Add(new UserRecord(user.DeepClone().AsObject()));
            }

            // Synthetic users carry the same keys as the seed users (first seed user's shape).
            _shapeKeys = shapeKeys is { Count: > 0 } ? shapeKeys : seed.Count > 0 ? [.. seed[0].Select(p => p.Key)] : [.. catalog.DefaultSelect.Select(p => p.Name)];
            _syntheticCount = 0;
            AddSyntheticLocked(synthetic);
        }
    }

    /// <summary>Adds synthetic users continuing the numbering; returns the new total.</summary>
    public int AddSynthetic(int count)
    {
        lock (_gate)
        {
            AddSyntheticLocked(count);
            return _set.Users.Count;
        }
    }

    /// <summary>
    /// Adds one user given as Graph properties (POST /_emulator/users). Keys the seed users have and
    /// the body lacks are set to null / []. Returns the stored user, or null if the id or
    /// userPrincipalName is taken.
    /// </summary>
    public JsonObject? TryAdd(JsonObject user)
    {
        lock (_gate)
        {
            var id = user["id"]!.GetValue<string>();
            var upn = user["userPrincipalName"]!.GetValue<string>();
            if (_set.Find(id) is not null || _set.Find(upn) is not null)
            {
                return null;
            }

            var stored = new JsonObject();
            foreach (var key in _shapeKeys.Where(k => !user.ContainsKey(k)))
            {
                stored[key] = catalog.TryGet(key, out var p) && p.IsCollection ? new JsonArray() : null;
            }

            foreach (var (key, value) in user)
            {
                stored[key] = value?.DeepClone();
            }

            var record = new UserRecord(stored);
            _set.Add(record);
            return record.ToControlView();
        }
    }

    public T Read<T>(Func<IUserSet, T> reader)
    {
        lock (_gate)
        {
            return reader(_set);
        }
    }

    public void Write(Action<IUserSet> writer)
    {
        lock (_gate)
        {
            writer(_set);
        }
    }

    private void AddSyntheticLocked(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _syntheticCount++;
            _set.Add(new UserRecord(SyntheticUsers.Create(_syntheticCount, domain, _shapeKeys, catalog, idScope)));
        }
    }

    private sealed class UserSet : IUserSet
    {
        private readonly Dictionary<string, UserRecord> _byId = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, UserRecord> _byUpn = new(StringComparer.OrdinalIgnoreCase);

        public List<UserRecord> Users { get; } = [];

        public IReadOnlyList<UserRecord> All => Users;

        public UserRecord? Find(string key) =>
            _byId.TryGetValue(key, out var byId) ? byId : _byUpn.GetValueOrDefault(key);

        public bool IsUserPrincipalNameTaken(string userPrincipalName, string exceptId) =>
            _byUpn.TryGetValue(userPrincipalName, out var other) && !string.Equals(other.Id, exceptId, StringComparison.OrdinalIgnoreCase);

        public void Reindex(UserRecord user, string? previousUserPrincipalName)
        {
            if (previousUserPrincipalName is not null)
            {
                _byUpn.Remove(previousUserPrincipalName);
            }

            if (user.UserPrincipalName is { } upn)
            {
                _byUpn[upn] = user;
            }
        }

        public void Add(UserRecord user)
        {
            if (!_byId.TryAdd(user.Id, user))
            {
                throw new InvalidDataException($"Duplicate user id '{user.Id}'.");
            }

            if (user.UserPrincipalName is { } upn && !_byUpn.TryAdd(upn, user))
            {
                throw new InvalidDataException($"Duplicate userPrincipalName '{upn}'.");
            }

            Users.Add(user);
        }

        public void Clear()
        {
            Users.Clear();
            _byId.Clear();
            _byUpn.Clear();
        }
    }
}
