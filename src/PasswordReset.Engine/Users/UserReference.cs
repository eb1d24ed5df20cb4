using System;

namespace PasswordReset.Users
{
    /// <summary>
    /// Who to act on: an object id, a userPrincipalName, or both. Created only through <see cref="Create"/>,
    /// which refuses values that could never address one user, so nothing is ever sent for them
    /// (an empty key must never turn into a request for the whole tenant).
    /// </summary>
    public sealed class UserReference
    {
        private UserReference(string? id, string? userPrincipalName)
        {
            Id = id;
            UserPrincipalName = userPrincipalName;
        }

        /// <summary>The object id, when given.</summary>
        public string? Id { get; }

        /// <summary>The userPrincipalName, when given.</summary>
        public string? UserPrincipalName { get; }

        /// <summary>The key used to address the user: the immutable <see cref="Id"/> when given, else the UPN.</summary>
        public string Key => Id ?? UserPrincipalName!;

        /// <summary>How the user was named, for messages and error targets.</summary>
        public override string ToString() => UserPrincipalName ?? Id!;

        /// <summary>
        /// Names the user by the key that is really used: with both values, the object id first, so a confirmation
        /// prompt never shows a UPN while another user's id is reset.
        /// </summary>
        public string Describe() => Id != null && UserPrincipalName != null ? $"{Id} (given as {UserPrincipalName})" : ToString();

        /// <summary>
        /// The warning due when the input named both an object id and a userPrincipalName and Graph's user with that id has
        /// another userPrincipalName (the id was used: it is immutable); null when they agree or only one was named.
        /// </summary>
        public string? MismatchWith(string? userPrincipalNameFromGraph) =>
            Id != null && UserPrincipalName != null && !string.Equals(UserPrincipalName, userPrincipalNameFromGraph, StringComparison.OrdinalIgnoreCase)
                ? $"The input named '{UserPrincipalName}' but object id {Id} belongs to '{userPrincipalNameFromGraph}'; the immutable object id was used."
                : null;

        /// <summary>
        /// Validates and combines the values. Null or empty means "not given"; surrounding white space is trimmed.
        /// </summary>
        /// <exception cref="ArgumentException">A value is white space only or contains a control character,
        /// or neither value is given.</exception>
        public static UserReference Create(string? id, string? userPrincipalName)
        {
            string? cleanId = Clean(id, "Id");
            string? cleanUpn = Clean(userPrincipalName, "UserPrincipalName");
            if (cleanId is null && cleanUpn is null)
            {
                throw new ArgumentException("No user was named: give a UserPrincipalName or an object Id.");
            }

            return new UserReference(cleanId, cleanUpn);
        }

        /// <summary>
        /// A user named by one piece of text, as piped strings are: an object id when it is a GUID (with or without braces,
        /// any case), otherwise a userPrincipalName (which always contains '@', so it is never a GUID).
        /// </summary>
        /// <exception cref="ArgumentException">As <see cref="Create"/>; empty text names no user.</exception>
        public static UserReference FromText(string? text)
        {
            string? trimmed = text?.Trim();
            bool isId = trimmed != null && (Guid.TryParseExact(trimmed, "B", out _) || Guid.TryParseExact(trimmed, "D", out _));
            return isId ? Create(text, null) : Create(null, text);
        }

        private static string? Clean(string? value, string name)
        {
            if (value is null || value.Length == 0) return null;
            string trimmed = value.Trim();
            if (trimmed.Length == 0)
            {
                throw new ArgumentException($"The {name} is white space only; it cannot name a user.");
            }

            foreach (char c in trimmed)
            {
                // Control and invisible format characters (e.g. U+200B from a copied web page) and inner white space
                // never occur in an object id or a userPrincipalName.
                if (char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
                {
                    throw new ArgumentException($"The {name} contains an invisible or control character (U+{(int)c:X4}); it cannot name a user.");
                }

                if (char.IsWhiteSpace(c))
                {
                    throw new ArgumentException($"The {name} contains white space; it cannot name a user.");
                }
            }

            // Neither an object id nor a userPrincipalName contains '/' (a path separator): "/users/a/b" would address
            // something else entirely.
            if (trimmed.IndexOf('/') >= 0)
            {
                throw new ArgumentException($"The {name} contains '/'; it cannot name a user.");
            }

            // "." and ".." are dot-segments: HTTP clients collapse them, so /users/. would become /users/ — the whole tenant.
            if (trimmed == "." || trimmed == "..")
            {
                throw new ArgumentException($"The {name} '{trimmed}' cannot name a user.");
            }

            // An object id as other tools print it — in braces, or in upper case — becomes Graph's canonical form, so
            // it addresses the user instead of coming back 404 (and compares equal for duplicate detection).
            if (Guid.TryParseExact(trimmed, "B", out Guid braced) || Guid.TryParseExact(trimmed, "D", out braced))
            {
                return braced.ToString("D");
            }

            return trimmed;
        }
    }
}
