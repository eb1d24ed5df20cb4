using System.Text.Json.Nodes;

namespace GraphEmulator;

/// <summary>Runs a parsed <see cref="UserQuery"/> against one tenant's store: filter, search, order, page, project.</summary>
internal sealed class UserQueryExecutor(SearchEvaluator search, UserPropertyCatalog catalog)
{
    public (List<JsonObject> Page, int Total, bool HasMore) Execute(UserStore store, UserQuery query) => store.Read(users =>
    {
        IEnumerable<UserRecord> matches = users.All;
        if (query.Filter is { } filter)
        {
            matches = matches.Where(u => FilterEvaluator.Matches(filter, u.Data));
        }

        if (query.Search is { } expression)
        {
            matches = matches.Where(u => search.Matches(expression, u.Data));
        }

        var list = Order(matches, query.OrderBy).ToList();
        var properties = query.Select ?? catalog.DefaultSelect;
        var page = list.Skip(query.Offset).Take(query.Top).Select(u => UserProjection.Project(u, properties)).ToList();
        return (page, list.Count, query.Offset + page.Count < list.Count);
    });

    public int Count(UserStore store, UserQuery query) => store.Read(users => users.All.Count(u =>
        (query.Filter is null || FilterEvaluator.Matches(query.Filter, u.Data)) &&
        (query.Search is null || search.Matches(query.Search, u.Data))));

    private static IEnumerable<UserRecord> Order(IEnumerable<UserRecord> users, IReadOnlyList<(UserProperty Property, bool Descending)> orderBy)
    {
        IOrderedEnumerable<UserRecord>? ordered = null;
        foreach (var (property, descending) in orderBy)
        {
            string? Key(UserRecord u) => u.Data[property.Name]?.GetValue<string>();
            ordered = (ordered, descending) switch
            {
                (null, false) => users.OrderBy(Key, StringComparer.OrdinalIgnoreCase),
                (null, true) => users.OrderByDescending(Key, StringComparer.OrdinalIgnoreCase),
                (_, false) => ordered.ThenBy(Key, StringComparer.OrdinalIgnoreCase),
                (_, true) => ordered.ThenByDescending(Key, StringComparer.OrdinalIgnoreCase),
            };
        }

        return ordered ?? users; // LINQ ordering is stable: ties keep seed order
    }
}
