using System;
using System.Collections.Generic;

namespace PasswordReset.Users
{
    /// <summary>
    /// Reads who an input record names, the same way for every cmdlet: CSV rows, Get-AadUser copies, Get-MgUser- and
    /// Get-EntraUser-shaped objects, hashtables. Object id columns are <c>Id</c>, <c>ObjectId</c> and <c>UserId</c>;
    /// userPrincipalName columns are <c>UserPrincipalName</c> and <c>UPN</c>. Names match ignoring case and surrounding
    /// white space or invisible characters (a CSV header "UserPrincipalName " is common, a stray byte order mark rarer); values are validated by <see cref="UserReference"/>.
    /// </summary>
    public static class IdentityColumns
    {
        private static readonly string[] IdNames = { "Id", "ObjectId", "UserId" };
        private static readonly string[] UpnNames = { "UserPrincipalName", "UPN" };

        /// <summary>The column names that name a user, for messages: "UserPrincipalName, UPN, Id, ObjectId or UserId".</summary>
        public static string Names => string.Join(", ", UpnNames) + ", " + string.Join(", ", IdNames, 0, IdNames.Length - 1) + " or " + IdNames[IdNames.Length - 1];

        /// <summary>True when a property of this name can name a user, so only those values need reading.</summary>
        public static bool IsIdentityName(string? name) => Kind(name) != ColumnKind.None;

        /// <summary>
        /// Reads a user from a record's identity properties (name, value). Values may be text, a <see cref="Guid"/>, null or
        /// <see cref="DBNull"/>; null, DBNull and empty text mean "not given", so a CSV row with an empty Id cell and a UPN names the user by UPN.
        /// </summary>
        /// <exception cref="ArgumentException">No column names a user; a value is a list or an object; two id columns
        /// (or two UPN columns) disagree; or a value is refused by <see cref="UserReference.Create"/>.</exception>
        public static UserReference Read(IEnumerable<KeyValuePair<string, object?>> properties)
        {
            if (properties is null) throw new ArgumentNullException(nameof(properties));
            string? id = null, upn = null;
            foreach (var pair in properties)
            {
                ColumnKind kind = Kind(pair.Key);
                if (kind == ColumnKind.None) continue;
                string? value = Text(pair.Key, pair.Value);
                if (string.IsNullOrEmpty(value)) continue;
                // Each value on its own first, so an invalid one is reported under its own column name.
                UserReference single = kind == ColumnKind.Id ? UserReference.Create(value, null) : UserReference.Create(null, value);
                if (kind == ColumnKind.Id) id = Agree(id, single.Id!, "object id");
                else upn = Agree(upn, single.UserPrincipalName!, "userPrincipalName");
            }

            if (id is null && upn is null)
            {
                throw new ArgumentException($"The input names no user: it has no {Names} value.");
            }

            return UserReference.Create(id, upn);
        }

        private static string Agree(string? earlier, string value, string what)
        {
            if (earlier != null && !string.Equals(earlier, value, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The input names two different users: {what} '{earlier}' and '{value}'.");
            }

            return earlier ?? value;
        }

        private static string? Text(string name, object? value)
        {
            switch (value)
            {
                case null:
                case DBNull _: // an empty cell of a database row (Invoke-Sqlcmd, DataTable), as an empty CSV cell
                    return null;
                case string text:
                    return text;
                case Guid guid:
                    return guid.ToString("D");
                case System.Collections.IEnumerable _:
                    throw new ArgumentException($"The input's {TrimName(name)} holds a list; one input names one user.");
                default:
                    throw new ArgumentException($"The input's {TrimName(name)} holds an object of type {value.GetType().Name}, not a user name or object id.");
            }
        }

        private static ColumnKind Kind(string? name)
        {
            if (name is null) return ColumnKind.None;
            string trimmed = TrimName(name);
            foreach (string n in IdNames)
            {
                if (string.Equals(trimmed, n, StringComparison.OrdinalIgnoreCase)) return ColumnKind.Id;
            }

            foreach (string n in UpnNames)
            {
                if (string.Equals(trimmed, n, StringComparison.OrdinalIgnoreCase)) return ColumnKind.UserPrincipalName;
            }

            return ColumnKind.None;
        }

        // Surrounding white space and invisible format characters: a byte order mark left in a header (a file saved with
        // two, or text joined from several files) or a zero-width space copied from a web page.
        private static string TrimName(string name)
        {
            int start = 0, end = name.Length;
            while (start < end && Invisible(name[start])) start++;
            while (end > start && Invisible(name[end - 1])) end--;
            return name.Substring(start, end - start);
        }

        private static bool Invisible(char c) =>
            char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

        private enum ColumnKind
        {
            None,
            Id,
            UserPrincipalName,
        }
    }
}
