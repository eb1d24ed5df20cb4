using System.Collections.Concurrent;

namespace GraphEmulator;

/// <summary>
/// The tenants this emulator hosts, keyed by tenant id (the token's tid). The default tenant is the
/// sample tenant from the seed files; others are added by POST /_emulator/tenants with synthetic users
/// only, and dropped by /_emulator/reset.
/// </summary>
internal sealed class TenantDirectory(EmulatorOptions options, UserStore defaultUsers, UserPropertyCatalog catalog)
{
    private readonly ConcurrentDictionary<string, Tenant> _added = new(StringComparer.OrdinalIgnoreCase);

    public Tenant Default { get; } = new(TokenService.DefaultTenantId, options.Domain, defaultUsers, IsDefault: true);

    public IEnumerable<Tenant> All => [Default, .. _added.Values];

    /// <summary>By tenant id, or by the initial domain the tenant owns (case-insensitive); null if unknown.</summary>
    public Tenant? Find(string? idOrDomain)
    {
        if (string.IsNullOrEmpty(idOrDomain))
        {
            return null;
        }

        return All.FirstOrDefault(t =>
            string.Equals(t.Id, idOrDomain, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(t.Domain, idOrDomain, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The tenant a control route names with ?tenantId= (default tenant when absent).</summary>
    public Tenant FromQuery(HttpContext context)
    {
        var id = context.Request.Query["tenantId"].ToString();
        return id.Length == 0
            ? Default
            : Find(id) ?? throw new GraphException(StatusCodes.Status404NotFound, GraphErrors.ResourceNotFoundCode, $"Tenant '{id}' does not exist in the emulator.");
    }

    /// <summary>Adds a tenant holding <paramref name="synthetic"/> synthetic users on <paramref name="domain"/>; null if the id or domain is taken.</summary>
    public Tenant? TryAdd(string tenantId, string domain, int synthetic)
    {
        if (Find(tenantId) is not null || Find(domain) is not null)
        {
            return null;
        }

        var users = new UserStore(catalog, domain, tenantId);

        // Same property shape as the sample tenant's users, so $select works alike in both.
        users.Reset([], synthetic, defaultUsers.ShapeKeys);
        var tenant = new Tenant(tenantId, domain, users, IsDefault: false);
        return _added.TryAdd(tenantId, tenant) ? tenant : null;
    }

    public void RemoveAdded() => _added.Clear();
}
