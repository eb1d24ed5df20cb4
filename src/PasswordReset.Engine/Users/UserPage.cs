using System.Collections.Generic;

namespace PasswordReset.Users
{
    /// <summary>One page of <c>GET /v1.0/users</c>: its users and Graph's opaque <c>@odata.nextLink</c> (null on the last page).</summary>
    public sealed class UserPage
    {
        /// <summary>Creates a page.</summary>
        public UserPage(IReadOnlyList<AadUser> users, string? nextLink)
        {
            Users = users;
            NextLink = nextLink;
        }

        /// <summary>The users of this page, in Graph's order.</summary>
        public IReadOnlyList<AadUser> Users { get; }

        /// <summary>The URL of the next page, to be followed as-is; null when there is none.</summary>
        public string? NextLink { get; }
    }
}
