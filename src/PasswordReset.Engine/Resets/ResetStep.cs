namespace PasswordReset.Resets
{
    /// <summary>The step of a user's reset that an outcome belongs to; errors name it so advice fits the step.</summary>
    public enum ResetStep
    {
        /// <summary>Checks before any request (duplicates, external users).</summary>
        Validation,
        /// <summary><c>GET /users/{key}</c>: resolving the input to an object id.</summary>
        Lookup,
        /// <summary><c>PATCH /users/{id}</c> with the passwordProfile.</summary>
        Reset,
    }
}
