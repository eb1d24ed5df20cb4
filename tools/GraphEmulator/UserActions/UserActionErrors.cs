namespace GraphEmulator;

/// <summary>
/// Errors of the routes under a user. Microsoft documents none of them (revoke-and-tap-facts §1–§2); statuses, codes and
/// texts are our assumptions, stated in the emulator's README, except where a source is named.
/// </summary>
internal static class UserActionErrors
{
    /// <summary>The code of the Temporary Access Pass refusals (graph-facts §10: "400 badRequest").</summary>
    public const string PassCode = "badRequest";

    /// <summary>
    /// The policy refuses the pass (disabled, or the user outside its scope): the text reported in MicrosoftDocs/azure-docs
    /// #111778 after the admin center's own prefix; the status is our assumption (graph-facts §10).
    /// </summary>
    public static GraphException PolicyRefused() => new(
        StatusCodes.Status400BadRequest, PassCode,
        "Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].");

    /// <summary>A lifetime outside the policy's minimum..maximum (or Graph's 10..43,200): undocumented, emulator wording.</summary>
    public static GraphException LifetimeOutOfRange(int minimum, int maximum) => new(
        StatusCodes.Status400BadRequest, PassCode,
        $"lifetimeInMinutes must be from {minimum} to {maximum} under the tenant's Temporary Access Pass policy.");

    /// <summary>A multi-use pass when the policy allows one-time use only (D3: "only if it is allowed by the policy"); emulator wording.</summary>
    public static GraphException MultiUseNotAllowed() => new(
        StatusCodes.Status400BadRequest, PassCode,
        "The tenant's Temporary Access Pass policy allows one-time use passes only: isUsableOnce must be true.");

    /// <summary>An external (B2B) guest: the text of Entra's troubleshooting section (as quoted by entradiff, revoke-and-tap-facts §2).</summary>
    public static GraphException ExternalUser() => new(
        StatusCodes.Status400BadRequest, PassCode, "Temporary Access Pass cannot be added to an external guest user.");

    public static GraphException InvalidProperty(string name) => new(
        StatusCodes.Status400BadRequest, PassCode,
        $"Invalid value specified for property '{name}' of resource 'temporaryAccessPassAuthenticationMethod'.");

    public static GraphException UnknownProperty(string name) => new(
        StatusCodes.Status400BadRequest, PassCode,
        $"Property '{name}' does not exist on type 'microsoft.graph.temporaryAccessPassAuthenticationMethod'.");

    /// <summary>No pass with that id on the user: worded like the user's 404 (graph-facts §1).</summary>
    public static GraphException PassNotFound(string id) => new(
        StatusCodes.Status404NotFound, GraphErrors.ResourceNotFoundCode,
        $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    /// <summary>revokeSignInSessions takes no parameters (D1): OData's wording for a parameter an action does not declare.</summary>
    public static GraphException UnknownParameter(string name) => new(
        StatusCodes.Status400BadRequest, "BadRequest",
        $"The parameter '{name}' in the request payload is not a valid parameter for the operation 'revokeSignInSessions'.");
}
