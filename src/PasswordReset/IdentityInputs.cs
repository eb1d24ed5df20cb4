using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using PasswordReset.Users;

namespace PasswordReset.Commands
{
    /// <summary>
    /// One user an input names, or why it names none: <see cref="Reference"/> or <see cref="Error"/> is set.
    /// <see cref="Target"/> is the input as given (the error record's target object): the row, the string, or null.
    /// </summary>
    internal readonly struct NamedUser
    {
        public NamedUser(object? target, UserReference? reference, AadUser? known, ArgumentException? error)
        {
            Target = target;
            Reference = reference;
            Known = known;
            Error = error;
        }

        public object? Target { get; }

        public UserReference? Reference { get; }

        /// <summary>A user object made by this module (so its values are Graph's); copies are never this.</summary>
        public AadUser? Known { get; }

        public ArgumentException? Error { get; }
    }

    /// <summary>
    /// Turns what Get-AadUser and Reset-AadUserPassword were given into users, alike for both: -UserPrincipalName and
    /// -Id lists, and any pipeline object (strings, GUIDs, the module's objects, CSV rows, Get-MgUser/Get-EntraUser
    /// objects, hashtables). Which column names a user is decided in the engine (<see cref="IdentityColumns"/>); this
    /// class only reads PowerShell's objects.
    /// </summary>
    internal static class IdentityInputs
    {
        /// <summary>Why -UserPrincipalName and -Id cannot be used together, or null: one value each names one user.</summary>
        public static string? Conflict(string?[]? userPrincipalNames, string?[]? ids) =>
            userPrincipalNames != null && ids != null && (userPrincipalNames.Length > 1 || ids.Length > 1)
                ? "-UserPrincipalName and -Id together name one user (its object id is used); give a list to one of them only."
                : null;

        /// <summary>The users named by -UserPrincipalName and/or -Id (see <see cref="Conflict"/>).</summary>
        public static IEnumerable<NamedUser> FromParameters(string?[]? userPrincipalNames, string?[]? ids)
        {
            if (userPrincipalNames?.Length == 1 && ids?.Length == 1)
            {
                // The id is what is used, so it is the target: a script that retries failed targets must not retry the UPN's user.
                yield return Named(string.IsNullOrWhiteSpace(ids[0]) ? userPrincipalNames[0] : ids[0], () => UserReference.Create(ids[0], userPrincipalNames[0]));
                yield break;
            }

            if ((userPrincipalNames is null || userPrincipalNames.Length == 0) && (ids is null || ids.Length == 0))
            {
                yield return new NamedUser(null, null, null, new ArgumentException("No user was named: give -UserPrincipalName, -Id, or pipe users in."));
                yield break;
            }

            foreach (string? upn in userPrincipalNames ?? Array.Empty<string?>())
            {
                yield return Named(upn, () => UserReference.FromText(upn));
            }

            foreach (string? id in ids ?? Array.Empty<string?>())
            {
                yield return Named(id, () => UserReference.Create(id, null));
            }
        }

        /// <summary>
        /// The users named by one -InputObject value. A list given to -InputObject directly is read item by item, exactly as
        /// the pipeline would (PowerShell's own rule: a string, a hashtable or an XML element is one record, a DataTable its rows).
        /// </summary>
        public static IEnumerable<NamedUser> FromInputObject(object? input)
        {
            // Not every IEnumerable is a list: an XML element enumerates its child nodes, so reading it item by item lost
            // the row (an element with attributes only gave no outcome at all).
            IEnumerable? items = LanguagePrimitives.GetEnumerable(input);
            if (items != null)
            {
                foreach (object? item in items) yield return FromRecord(item);
                yield break;
            }

            yield return FromRecord(input);
        }

        private static NamedUser FromRecord(object? input)
        {
            object? value = Unwrap(input);
            switch (value)
            {
                case null:
                    return new NamedUser(null, null, null, new ArgumentException("The input is $null; it names no user."));
                case AadUser user:
                    return FromModuleUser(input, user);
                case string text:
                    return Named(input, () => UserReference.FromText(text));
                case Guid guid:
                    return Named(input, () => UserReference.Create(guid.ToString("D"), null));
                case IDictionary dictionary:
                    return Named(input, () => IdentityColumns.Read(FromDictionary(dictionary), KeyNames(dictionary)));
                default:
                    PSObject record = PSObject.AsPSObject(input);
                    return Named(input, () => IdentityColumns.Read(FromProperties(record), PropertyNames(record)));
            }
        }

        // A Get-AadUser object needs no lookup only while it shows Graph's values. Once an identity property is shadowed or
        // added (Add-Member -Force Id …, Update-TypeData), it is read like any record — looked up by the id it shows, with
        // the mismatch warning, or refused when its columns disagree — so what the admin sees is what is reset.
        private static NamedUser FromModuleUser(object? input, AadUser user)
        {
            UserReference shown;
            try
            {
                shown = IdentityColumns.Read(FromProperties(PSObject.AsPSObject(input ?? user)));
            }
            catch (ArgumentException ex)
            {
                return new NamedUser(input, null, null, ex);
            }

            UserReference? graph = GraphValues(user);
            bool asReturned = graph != null && string.Equals(shown.Id, graph.Id, StringComparison.Ordinal) &&
                string.Equals(shown.UserPrincipalName, graph.UserPrincipalName, StringComparison.Ordinal);
            return asReturned ? new NamedUser(user, graph, user, null) : new NamedUser(input, shown, null, null);
        }

        // The user as Graph returned it; null for an object with no id (only the module fills one in).
        private static UserReference? GraphValues(AadUser user)
        {
            if (string.IsNullOrEmpty(user.Id)) return null;
            try
            {
                return UserReference.Create(user.Id, user.UserPrincipalName);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private static NamedUser Named(object? target, Func<UserReference> read, AadUser? known = null)
        {
            try
            {
                return new NamedUser(target, read(), known, null);
            }
            catch (ArgumentException ex)
            {
                return new NamedUser(target, null, null, ex);
            }
        }

        // Names only (no values are read): for the error of a record that names no user.
        private static List<string> KeyNames(IDictionary dictionary)
        {
            var names = new List<string>();
            foreach (object key in dictionary.Keys) names.Add(key?.ToString() ?? string.Empty);
            return names;
        }

        private static List<string> PropertyNames(PSObject record)
        {
            var names = new List<string>();
            foreach (PSPropertyInfo property in record.Properties) names.Add(property.Name);
            return names;
        }

        private static IEnumerable<KeyValuePair<string, object?>> FromDictionary(IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (entry.Key is string name && IdentityColumns.IsIdentityName(name))
                {
                    yield return new KeyValuePair<string, object?>(name, Unwrap(entry.Value));
                }
            }
        }

        // Only identity-named properties are read: other getters of arbitrary objects may be slow or throw.
        private static IEnumerable<KeyValuePair<string, object?>> FromProperties(PSObject record)
        {
            foreach (PSPropertyInfo property in record.Properties)
            {
                if (!IdentityColumns.IsIdentityName(property.Name)) continue;
                object? value;
                try
                {
                    value = property.Value;
                }
                catch (GetValueException ex)
                {
                    throw new ArgumentException($"The input's {property.Name} could not be read: {ex.Message}", ex);
                }

                yield return new KeyValuePair<string, object?>(property.Name, Unwrap(value));
            }
        }

        private static object? Unwrap(object? value) =>
            value is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : value;
    }
}
