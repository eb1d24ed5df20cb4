using System;
using System.Management.Automation;
using PasswordReset.Errors;
using PasswordReset.Users;

namespace PasswordReset.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets Entra ID users from Microsoft Graph.</para>
    /// <para type="description">By -UserPrincipalName or -Id (lists allowed), or users piped in as Reset-AadUserPassword takes
    /// them (strings, this module's objects, CSV rows with a UserPrincipalName, UPN, Id, ObjectId or UserId column, Get-MgUser
    /// and Get-EntraUser objects): GET /v1.0/users/{key}, by object id when the input has one; an unknown user is a
    /// non-terminating UserNotFound (ObjectNotFound) error, and an input that names no user an InvalidUserIdentity error
    /// targeting that input. Otherwise GET /v1.0/users with an OData -Filter passed through as written:
    /// the first page only (-PageSize, default 100), every page with -All (each written as it arrives), or at most
    /// -Top users. Always $selects Id, UserPrincipalName, DisplayName, Mail, AccountEnabled, UserType, Department,
    /// OnPremisesSyncEnabled, CreationType and LastPasswordChangeDateTime, plus -Property names (added as note properties).
    /// Emits PasswordReset.AadUser objects, which pipe into Reset-AadUserPassword.</para>
    /// </summary>
    /// <remarks>
    /// <para>Permission: User.Read.All (delegated or application), which Connect-AadGraph asks for by default.</para>
    /// <para>Advanced queries (-Search, and -Filter with ne, not or endsWith) are sent with ConsistencyLevel: eventual and
    /// $count=true, as Graph requires for them.</para>
    /// </remarks>
    /// <input type="System.String">A userPrincipalName, or an object id (braces and upper case accepted).</input>
    /// <input type="PasswordReset.AadUser">A user from this module: fetched again by its object id.</input>
    /// <input type="Microsoft.Graph.PowerShell.Models.IMicrosoftGraphUser">A user from Get-MgUser (Microsoft Graph PowerShell SDK): fetched by its Id.</input>
    /// <input type="System.Management.Automation.PSObject">Any record with a UserPrincipalName, UPN, Id, ObjectId or UserId
    /// property: CSV rows from Import-Csv (column names match ignoring case and white space; an empty cell counts as
    /// absent), Get-EntraUser objects, objects of other tools. When a record has an id, the id is used.</input>
    /// <input type="System.Collections.Hashtable">A hashtable with one of those keys.</input>
    /// <output type="PasswordReset.AadUser">One per user: Id, UserPrincipalName, DisplayName, Mail, AccountEnabled, UserType,
    /// Department, OnPremisesSyncEnabled, CreationType, Identities and LastPasswordChangeDateTime, plus a note property for
    /// each -Property name. Pipe them into Reset-AadUserPassword.</output>
    /// <example>
    /// <code>Get-AadUser -UserPrincipalName adele@contoso.com</code>
    /// <para>Gets one user by userPrincipalName (GET /v1.0/users/adele%40contoso.com).</para>
    /// </example>
    /// <example>
    /// <code>Import-Csv users.csv | Get-AadUser | Select-Object UserPrincipalName, AccountEnabled, LastPasswordChangeDateTime</code>
    /// <para>Gets the users named in a CSV file with a UserPrincipalName, UPN, Id, ObjectId or UserId column (header case and surrounding spaces do not matter).</para>
    /// </example>
    /// <example>
    /// <code>Get-AadUser -Filter "department eq 'Sales'" -All</code>
    /// <para>Gets every user of the Sales department, following all pages. Double apostrophes inside OData literals: "displayName eq 'O''Neil'".</para>
    /// </example>
    /// <example>
    /// <code>Get-AadUser -Search 'adele vance' -Property employeeId, passwordPolicies</code>
    /// <para>Finds users whose displayName, mail or userPrincipalName start with both words, with two extra properties.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "AadUser", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(AadUser))]
    public sealed class GetAadUserCommand : AadCmdlet
    {
        private const string ListSet = "List";
        private const string IdentitySet = "Identity";
        private const string InputObjectSet = "InputObject";
        private const int DefaultPageSize = 100;

        /// <summary>
        /// One or more userPrincipalNames (guests: x_y.com#EXT#@tenant); a GUID given here is taken as an object id.
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
        /// Users from the pipeline (or given directly, one or a list), read as Reset-AadUserPassword reads them: strings
        /// (userPrincipalNames or object ids), this module's objects, and any record with a UserPrincipalName, UPN, Id,
        /// ObjectId or UserId property or key — CSV rows (header names match ignoring case and surrounding spaces),
        /// Get-MgUser and Get-EntraUser objects, hashtables. Each is fetched again by its object id when it has one.
        /// An input that names no user, $null included, gets an InvalidUserIdentity error with the input as its target
        /// object, and the pipeline goes on.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [AllowNull, AllowEmptyString]
        public object? InputObject { get; set; }

        /// <summary>An OData $filter, e.g. "department eq 'Sales'"; double apostrophes inside string literals.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Filter { get; set; }

        /// <summary>
        /// Text to search for. Plain words each match the start of a word in displayName, or the start of mail or
        /// userPrincipalName; text containing a double quote is passed through as Graph $search syntax,
        /// e.g. '"displayName:Adele" OR "mail:adele"'. Sent with ConsistencyLevel: eventual.
        /// </summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Search { get; set; }

        /// <summary>Follow @odata.nextLink through every page.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter All { get; set; }

        /// <summary>The most users to return in total (pages are followed until then), as in Get-MgUser.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, int.MaxValue)]
        public int Top { get; set; }

        /// <summary>Users per request ($top), 1–999. Without -All or -Top only the first page is returned, with a warning when more users match.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, UserDirectory.MaxPageSize)]
        public int PageSize { get; set; } = DefaultPageSize;

        /// <summary>Extra Graph user properties to $select, e.g. employeeId, passwordPolicies.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PropertyCompleter))]
        public string[]? Property { get; set; }

        private const int ProgressActivityId = 7101;

        private UserDirectory _directory = null!;
        private string? _search;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            _directory = new UserDirectory(RequireConnection());
            if (IdentityInputs.Conflict(UserPrincipalName, Id) is string conflict)
            {
                ThrowTerminatingError(ErrorRecordFactory.ParameterConflict(conflict));
            }

            // Empty values must never widen into "every user" (a public script reset a whole tenant that way).
            if (Filter != null && Filter.Trim().Length == 0)
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidQuery(new ArgumentException("The -Filter is white space only."), nameof(Filter), Filter));
            }

            if (Search != null)
            {
                try
                {
                    _search = SearchExpression.Build(Search);
                }
                catch (ArgumentException ex)
                {
                    ThrowTerminatingError(ErrorRecordFactory.InvalidQuery(ex, nameof(Search), Search));
                }
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case IdentitySet:
                    foreach (NamedUser user in IdentityInputs.FromParameters(UserPrincipalName, Id)) GetOne(user);
                    break;
                case InputObjectSet:
                    foreach (NamedUser user in IdentityInputs.FromInputObject(InputObject)) GetOne(user);
                    break;
                default:
                    List();
                    break;
            }
        }

        private void GetOne(NamedUser named)
        {
            if (named.Error != null)
            {
                WriteError(ErrorRecordFactory.InvalidIdentity(named.Error, named.Target));
                return;
            }

            UserReference reference = named.Reference!;
            try
            {
                WriteVerbose($"Getting user '{reference.Describe()}'.");
                AadUser user = Await(_directory.GetUserAsync(reference.Key, Property, CancellationToken));
                WriteUser(user);
                if (reference.MismatchWith(user.UserPrincipalName) is string mismatch) WriteWarning(mismatch);
            }
            catch (GraphRequestException ex)
            {
                WriteGraphError(ex, named.Target, reference);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        // 401 means no other request can succeed either: stop. Anything else concerns this user or query only.
        private void WriteGraphError(GraphRequestException ex, object? target, UserReference? user = null)
        {
            ErrorRecord record = ErrorRecordFactory.FromGraph(ex, target, user, reading: true);
            if (ex.Kind == GraphFailureKind.Authentication) ThrowTerminatingError(record);
            WriteError(record);
        }

        private void List()
        {
            bool topGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Top));
            bool pageSizeGiven = MyInvocation.BoundParameters.ContainsKey(nameof(PageSize));
            int pageSize = topGiven ? Math.Min(pageSizeGiven ? PageSize : UserDirectory.MaxPageSize, Top) : PageSize;
            long written = 0;
            var guard = new PagingGuard();
            var progress = new ProgressRecord(ProgressActivityId, "Listing users", "First page");
            bool progressShown = false;
            try
            {
                WriteVerbose($"Listing users (filter: {Filter ?? "none"}, search: {_search ?? "none"}, page size {pageSize}).");
                UserPage page = Await(_directory.GetFirstPageAsync(Filter, _search, pageSize, Property, CancellationToken));
                while (true)
                {
                    guard.Check(page.Users.Count, page.NextLink);
                    foreach (AadUser user in page.Users)
                    {
                        if (topGiven && written >= Top) return;
                        WriteUser(user);
                        written++;
                    }

                    if (page.NextLink is null || (topGiven && written >= Top)) return;
                    bool wantMore = All.IsPresent || topGiven;
                    if (!wantMore)
                    {
                        WriteWarning($"More users match than the first page of {pageSize}; use -All for every page or -Top to set a total.");
                        return;
                    }

                    progress.StatusDescription = $"{written} users so far, {guard.Pages} pages";
                    if (topGiven) progress.PercentComplete = (int)Math.Min(100, written * 100 / Math.Max(1, Top));
                    WriteProgress(progress);
                    progressShown = true;
                    WriteDebug($"Following @odata.nextLink after {written} users.");
                    page = Await(_directory.GetNextPageAsync(page.NextLink, Property, CancellationToken));
                }
            }
            catch (GraphRequestException ex)
            {
                // Nothing more can be listed; what was written stays written.
                WriteGraphError(ex, (object?)Filter ?? Search);
            }
            catch (InvalidOperationException ex)
            {
                WriteError(ErrorRecordFactory.PagingFailed(ex, (object?)Filter ?? Search));
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                if (progressShown)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
            }
        }

        private void WriteUser(AadUser user)
        {
            if (user.AdditionalProperties.Count == 0)
            {
                WriteObject(user);
                return;
            }

            var wrapped = PSObject.AsPSObject(user);
            foreach (var pair in user.AdditionalProperties)
            {
                string name = char.ToUpperInvariant(pair.Key[0]) + pair.Key.Substring(1);
                if (wrapped.Properties[name] == null) wrapped.Properties.Add(new PSNoteProperty(name, pair.Value));
            }

            WriteObject(wrapped);
        }
    }
}
