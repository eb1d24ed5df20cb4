using Microsoft.OData.Edm;

namespace GraphEmulator;

/// <summary>
/// Builds an EDM model of microsoft.graph.user from the property table so $filter/$orderby/$search
/// are parsed by Microsoft.OData's own URI parser. Navigation properties are left out (not filterable
/// here); complex types are modelled loosely as open types without declared members.
/// </summary>
internal static class EdmModelBuilder
{
    public const string Namespace = "microsoft.graph";

    public static (IEdmModel Model, IEdmEntityType User, IEdmEntitySet Users) Build(UserPropertyCatalog catalog)
    {
        var model = new EdmModel();
        var user = new EdmEntityType(Namespace, "user");
        var complexTypes = new Dictionary<string, EdmComplexType>(StringComparer.Ordinal);

        foreach (var p in catalog.Properties)
        {
            var element = ElementType(p.ElementType, model, complexTypes, p.IsCollection ? false : p.Nullable);
            var type = p.IsCollection ? EdmCoreModel.GetCollection(element) : element;
            var property = user.AddStructuralProperty(p.Name, type);
            if (p.Name == "id")
            {
                user.AddKeys(property);
            }
        }

        model.AddElement(user);
        var container = new EdmEntityContainer(Namespace, "GraphService");
        var users = container.AddEntitySet("users", user);
        model.AddElement(container);
        return (model, user, users);
    }

    private static IEdmTypeReference ElementType(
        string type, EdmModel model, Dictionary<string, EdmComplexType> complexTypes, bool nullable)
    {
        switch (type)
        {
            case "string":
                return EdmCoreModel.Instance.GetString(nullable);
            case "string/date-time":
                return EdmCoreModel.Instance.GetDateTimeOffset(nullable);
            case "boolean":
                return EdmCoreModel.Instance.GetBoolean(nullable);
            case "number/int32":
                return EdmCoreModel.Instance.GetInt32(nullable);
        }

        if (!type.StartsWith(Namespace + ".", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Unmapped property type '{type}' in the property table.");
        }

        if (!complexTypes.TryGetValue(type, out var complex))
        {
            complex = new EdmComplexType(Namespace, type[(Namespace.Length + 1)..], baseType: null, isAbstract: false, isOpen: true);
            complexTypes[type] = complex;
            model.AddElement(complex);
        }

        return new EdmComplexTypeReference(complex, isNullable: true);
    }
}
