using System.Globalization;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace GraphEmulator;

/// <summary>
/// Parses the query options of GET /users with Microsoft.OData's URI parser over the user EDM model
/// ($filter, $orderby), $search with <see cref="SearchParser"/>, plus $select, $top, $count and $skiptoken (graph-facts §4).
/// </summary>
internal sealed class UserQueryParser
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 999;

    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "$select", "$filter", "$top", "$count", "$orderby", "$search", "$skiptoken",
    };

    private readonly IEdmModel _model;
    private readonly IEdmEntityType _user;
    private readonly IEdmEntitySet _users;
    private readonly UserPropertyCatalog _catalog;
    private readonly SelectParser _select;

    // graph-facts §4: returned only for a single user; $select of these on GET /users is 501.
    private static readonly HashSet<string> NotOnCollection = new(StringComparer.OrdinalIgnoreCase)
    {
        "aboutMe", "birthday", "hireDate", "interests", "mySite", "pastProjects", "preferredName",
        "responsibilities", "schools", "skills", "mailboxSettings",
    };
    private readonly FilterValidator _filterValidator;
    private readonly SearchParser _search;

    public UserQueryParser(UserPropertyCatalog catalog, SearchParser search)
    {
        (_model, _user, _users) = EdmModelBuilder.Build(catalog);
        _catalog = catalog;
        _select = new SelectParser(catalog);
        _filterValidator = new FilterValidator(catalog);
        _search = search;
    }

    public IReadOnlyList<UserProperty> DefaultSelect => _catalog.DefaultSelect;

    /// <summary>GET /users/{key}: only $select applies.</summary>
    public IReadOnlyList<UserProperty>? ParseSingle(QueryOptions options) => _select.Parse(options["$select"]);

    public UserQuery ParseCollection(QueryOptions options, HttpRequest request)
    {
        foreach (var name in options.Names)
        {
            if (name == "$skip")
            {
                throw GraphErrors.BadRequest("'$skip' is not supported by the service."); // graph-facts §4
            }

            if (!Supported.Contains(name))
            {
                throw GraphErrors.BadRequest($"Query option '{name}' is not supported by the Graph emulator.");
            }
        }

        var analysis = new QueryAnalysis { ConsistencyLevel = request.Headers["ConsistencyLevel"].FirstOrDefault() };
        var select = _select.Parse(options["$select"]);
        if (select?.FirstOrDefault(p => NotOnCollection.Contains(p.Name)) is { } single)
        {
            throw GraphErrors.NotOnCollection(single.Name);
        }

        var top = ParseTop(options["$top"]);
        var count = ParseCount(options["$count"]);
        analysis.HasCount = count;

        var parser = new ODataQueryOptionParser(_model, _user, _users, ODataOptions(options));
        var resolver = new GraphUriResolver();
        parser.Resolver = resolver;

        var filter = Parse(() => parser.ParseFilter()?.Expression, resolver, "filter");
        if (filter is not null)
        {
            analysis.HasFilter = true;
            _filterValidator.Validate(filter, analysis);
        }

        // $search has its own grammar (graph-facts §4), not OData's.
        var search = options["$search"] is { } searchText ? _search.Parse(searchText) : null;
        analysis.HasSearch = search is not null;

        var orderBy = ParseOrderBy(Parse(() => parser.ParseOrderBy(), resolver, "orderby"));
        analysis.HasOrderBy = orderBy.Count > 0;

        var fingerprint = options.Fingerprint();
        var offset = options["$skiptoken"] is { } token ? SkipToken.Decode(token, fingerprint) : 0;
        return new UserQuery(select, filter, search, orderBy, top, count, offset, fingerprint, analysis);
    }

    private static Dictionary<string, string> ODataOptions(QueryOptions options)
    {
        var forParser = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "$filter", "$orderby" })
        {
            if (options[name] is { } value)
            {
                forParser[name] = value;
            }
        }

        return forParser;
    }

    private static T? Parse<T>(Func<T?> parse, GraphUriResolver resolver, string option)
        where T : class
    {
        try
        {
            return parse();
        }
        catch (ODataException ex)
        {
            if (resolver.UnknownProperty is { } unknown)
            {
                throw GraphErrors.UnknownProperty(unknown);
            }

            throw new GraphException(StatusCodes.Status400BadRequest, "BadRequest", $"Invalid {option} clause: {ex.Message}");
        }
    }

    private List<(UserProperty, bool)> ParseOrderBy(OrderByClause? clause)
    {
        var result = new List<(UserProperty, bool)>();
        for (; clause is not null; clause = clause.ThenBy)
        {
            // Only properties whose description says "Supports $orderby" (displayName, userPrincipalName).
            if (FilterNodes.Unwrap(clause.Expression) is not SingleValuePropertyAccessNode access ||
                !_catalog.TryGet(access.Property.Name, out var property) || !property.OrderBy)
            {
                throw GraphErrors.UnsupportedQuery(AdvancedQueryRules.SortingMessage);
            }

            result.Add((property, clause.Direction == OrderByDirection.Descending));
        }

        return result;
    }

    // graph-facts §4: $top accepts 1..999; default page size 100.
    private static int ParseTop(string? text)
    {
        if (text is null)
        {
            return DefaultPageSize;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var top) || top < 1 || top > MaxPageSize)
        {
            throw GraphErrors.BadRequest($"Invalid page size specified: '{text}'. Must be between 1 and {MaxPageSize} inclusive.");
        }

        return top;
    }

    private static bool ParseCount(string? text) => text?.ToLowerInvariant() switch
    {
        null or "false" => false,
        "true" => true,
        _ => throw GraphErrors.BadRequest($"Invalid value '{text}' for $count; use true or false."),
    };
}
