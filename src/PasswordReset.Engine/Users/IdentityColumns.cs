using System;
using System.Collections.Generic;

namespace PasswordReset.Users
{
    /// <summary>
    /// Reads who an input record names, the same way for every cmdlet: CSV rows, Get-AadUser copies, Get-MgUser- and
    /// Get-EntraUser-shaped objects, hashtables. Object id columns are <c>Id</c>, <c>ObjectId</c> and <c>UserId</c>;
    /// userPrincipalName columns are <c>UserPrincipalName</c> and <c>UPN</c>. Names match ignoring case, white space and
    /// invisible characters (a CSV header "UserPrincipalName " is common, exports titled for people say "User principal
    /// name" or "Object Id", and a stray byte order mark is rarer); values are validated by <see cref="UserReference"/>.
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
        /// <see cref="DBNull"/>; null, DBNull and empty text mean "not given", so a CSV row with an empty Id cell and a UPN
        /// names the user by UPN. <paramref name="allNames"/>, the names of every property of the record, only make the error
        /// of a record that names no user say what it has instead (and spot a file read with the wrong delimiter or without
        /// a header row).
        /// </summary>
        /// <exception cref="ArgumentException">No column names a user; a value is a list or an object; two id columns
        /// (or two UPN columns) disagree; or a value is refused by <see cref="UserReference.Create"/>.</exception>
        public static UserReference Read(IEnumerable<KeyValuePair<string, object?>> properties, IReadOnlyCollection<string>? allNames = null)
        {
            if (properties is null) throw new ArgumentNullException(nameof(properties));
            string? id = null, upn = null;
            var empty = new List<string>();
            foreach (var pair in properties)
            {
                ColumnKind kind = Kind(pair.Key);
                if (kind == ColumnKind.None) continue;
                string? value = Text(pair.Key, pair.Value);
                if (string.IsNullOrEmpty(value))
                {
                    empty.Add(pair.Key.Trim());
                    continue;
                }

                // Each value on its own first, so an invalid one is reported under its own column name.
                UserReference single = kind == ColumnKind.Id ? UserReference.Create(value, null) : UserReference.Create(null, value);
                if (kind == ColumnKind.Id) id = Agree(id, single.Id!, "object id");
                else upn = Agree(upn, single.UserPrincipalName!, "userPrincipalName");
            }

            if (id is null && upn is null)
            {
                throw new ArgumentException(empty.Count > 0
                    ? $"The input names no user: its {string.Join(" and ", empty)} {(empty.Count == 1 ? "is" : "are")} empty."
                    : NoColumnMessage(allNames));
            }

            return UserReference.Create(id, upn);
        }

        private static string NoColumnMessage(IReadOnlyCollection<string>? allNames)
        {
            string message = $"The input names no user: it has no {Names} value";
            if (allNames is null || allNames.Count == 0) return message + ".";
            var shown = new List<string>();
            foreach (string name in allNames)
            {
                if (shown.Count == 6) break;
                shown.Add("'" + name + "'");
            }

            message += $" (its columns: {string.Join(", ", shown)}{(allNames.Count > shown.Count ? ", …" : string.Empty)}).";
            foreach (string name in allNames)
            {
                if (name.IndexOf(';') >= 0 || name.IndexOf('\t') >= 0)
                {
                    return message + " The header reads as one column holding several: a file separated by ';' or tabs needs Import-Csv -Delimiter.";
                }

                if (name.IndexOf('@') > 0 || Guid.TryParse(name.Trim().Trim('{', '}'), out _))
                {
                    return message + " The first line looks like a user, not a header: read a list without a header with Import-Csv -Header UserPrincipalName (or Id).";
                }
            }

            return message + " Name a column UserPrincipalName or Id, e.g. with Select-Object @{ n = 'UserPrincipalName'; e = { $_.'column' } }.";
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
                    throw new ArgumentException($"The input's {Squeeze(name)} holds a list; one input names one user.");
                default:
                    throw new ArgumentException($"The input's {Squeeze(name)} holds an object of type {value.GetType().Name}, not a user name or object id.");
            }
        }

        private static ColumnKind Kind(string? name)
        {
            if (name is null) return ColumnKind.None;
            string trimmed = Squeeze(name);
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

        // White space and invisible format characters anywhere: "User principal name", a byte order mark left in a header
        // (a file saved with two, or text joined from several files), a zero-width space copied from a web page.
        private static string Squeeze(string name)
        {
            var kept = new System.Text.StringBuilder(name.Length);
            foreach (char c in name)
            {
                if (!char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format) kept.Append(c);
            }

            return kept.ToString();
        }

        private enum ColumnKind
        {
            None,
            Id,
            UserPrincipalName,
        }
    }
}
