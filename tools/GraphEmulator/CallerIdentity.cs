namespace GraphEmulator;

/// <summary>
/// The validated claims of the bearer token of a /v1.0 request, kept on HttpContext.Items so
/// permission checks (roles, scp, wids) can be added without touching authentication.
/// </summary>
internal sealed record CallerIdentity(
    string TenantId,
    string? ObjectId,
    string? AppId,
    string Audience,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> DirectoryRoleTemplateIds,
    string? TokenId)
{
    private const string ItemKey = "GraphEmulator.Caller";

    /// <summary>App-only tokens carry roles and no scp; delegated tokens carry scp.</summary>
    public bool IsAppOnly => Scopes.Count == 0;

    public static CallerIdentity? Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) ? value as CallerIdentity : null;

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
