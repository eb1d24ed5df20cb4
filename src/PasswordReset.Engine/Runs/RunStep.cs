namespace PasswordReset.Runs
{
    /// <summary>The step of a user's work that an outcome belongs to; errors name it so advice fits the step.</summary>
    public enum RunStep
    {
        /// <summary>Checks before any request (duplicates, external users).</summary>
        Validation,
        /// <summary><c>GET /users/{key}</c>: resolving the input to an object id.</summary>
        Lookup,
        /// <summary><c>PATCH /users/{id}</c> with the passwordProfile.</summary>
        Reset,
        /// <summary><c>POST /users/{id}/revokeSignInSessions</c> (graph-facts.md §9).</summary>
        RevokeSessions,
        /// <summary><c>POST /users/{id}/authentication/temporaryAccessPassMethods</c> (graph-facts.md §10).</summary>
        CreateAccessPass,
    }

    /// <summary>What the steps mean for the run's rules.</summary>
    public static class RunSteps
    {
        /// <summary>True for a step that changes something in the tenant: a lost answer leaves its outcome unknown.</summary>
        public static bool IsWrite(RunStep step) => step == RunStep.Reset || step == RunStep.RevokeSessions || step == RunStep.CreateAccessPass;
    }
}
