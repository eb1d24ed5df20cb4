namespace GraphEmulator;

/// <summary>
/// $select: comma-separated property names, matched case-insensitively and answered with the
/// schema's spelling; an unknown name fails like Graph does.
/// </summary>
internal sealed class SelectParser(UserPropertyCatalog catalog)
{
    /// <summary>Null when no $select was given (the default set applies).</summary>
    public IReadOnlyList<UserProperty>? Parse(string? select)
    {
        if (string.IsNullOrWhiteSpace(select))
        {
            return null;
        }

        var result = new List<UserProperty>();
        foreach (var name in select.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!catalog.TryGet(name, out var property))
            {
                throw GraphErrors.UnknownProperty(name);
            }

            if (!result.Contains(property))
            {
                result.Add(property);
            }
        }

        return result;
    }
}
