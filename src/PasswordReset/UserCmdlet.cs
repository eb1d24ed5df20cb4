using System.Management.Automation;

namespace PasswordReset.Commands
{
    /// <summary>
    /// Base of the cmdlets that take users (Get-AadUser and the cmdlets of <see cref="UserRunCmdlet"/>): the same identity
    /// parameters with the same binding — -UserPrincipalName and -Id lists, or anything piped to the one pipeline
    /// parameter -InputObject — read by <see cref="IdentityInputs"/>.
    /// </summary>
    public abstract class UserCmdlet : AadCmdlet
    {
        /// <summary>The parameter set of -UserPrincipalName and -Id.</summary>
        protected const string IdentitySet = "Identity";

        /// <summary>The parameter set of -InputObject (the pipeline).</summary>
        protected const string InputObjectSet = "InputObject";

        /// <summary>
        /// One or more userPrincipalNames (guests: x_y.com#EXT#@tenant). A GUID given here is taken as an object id.
        /// Pipeline input goes to -InputObject.
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = IdentitySet)]
        [Alias("UPN")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [IdentityValue]
        [ArgumentCompleter(typeof(UserPrincipalNameCompleter))]
        public string?[]? UserPrincipalName { get; set; }

        /// <summary>
        /// One or more object ids; braces and upper case are accepted. With a single -UserPrincipalName, names one user by
        /// id (a warning follows when Graph's userPrincipalName differs); lists of both at once are a ParameterConflict.
        /// </summary>
        [Parameter(ParameterSetName = IdentitySet)]
        [Alias("ObjectId", "UserId")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [IdentityValue]
        [ArgumentCompleter(typeof(UserIdCompleter))]
        public string?[]? Id { get; set; }

        /// <summary>
        /// Users from the pipeline (or given directly, one or a list): strings (userPrincipalNames or object ids), this
        /// module's objects (their object id is used), and any record with a UserPrincipalName, UPN, Id, ObjectId or UserId
        /// property or key — CSV rows (header names match ignoring case and surrounding spaces), Get-MgUser and
        /// Get-EntraUser objects, hashtables. When a record has an id, the id is used. An input that names no user, $null included, gets an InvalidUserIdentity
        /// error with the input as its target object, and the pipeline goes on.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [AllowNull, AllowEmptyString]
        public object? InputObject { get; set; }
    }
}
