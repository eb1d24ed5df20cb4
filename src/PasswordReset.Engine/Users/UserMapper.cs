using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Store;

namespace PasswordReset.Users
{
    /// <summary>Maps the SDK's <see cref="User"/> to our <see cref="AadUser"/>, so no SDK type leaves the engine.</summary>
    internal static class UserMapper
    {
        /// <summary>The properties every lookup <c>$select</c>s (Graph returns only a small default set otherwise).</summary>
        public static readonly string[] StandardProperties =
        {
            "id", "userPrincipalName", "displayName", "mail", "accountEnabled", "userType", "department",
            "onPremisesSyncEnabled", "creationType", "identities", "lastPasswordChangeDateTime",
        };

        /// <summary>The standard properties plus the extras, without duplicates (case-insensitive).</summary>
        public static string[] SelectFor(IEnumerable<string>? extra) =>
            StandardProperties.Concat(extra ?? Enumerable.Empty<string>())
                .Where(p => !string.IsNullOrWhiteSpace(p))
                .Select(p => p.Trim())
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();

        public static AadUser ToAadUser(User user, IEnumerable<string>? extra)
        {
            var result = new AadUser
            {
                Id = user.Id ?? string.Empty,
                UserPrincipalName = user.UserPrincipalName,
                DisplayName = user.DisplayName,
                Mail = user.Mail,
                AccountEnabled = user.AccountEnabled,
                UserType = user.UserType,
                Department = user.Department,
                OnPremisesSyncEnabled = user.OnPremisesSyncEnabled,
                CreationType = user.CreationType,
                LastPasswordChangeDateTime = user.LastPasswordChangeDateTime,
                Identities = (user.Identities ?? new List<ObjectIdentity>())
                    .Select(i => (i.SignInType ?? string.Empty) + ":" + (i.Issuer ?? string.Empty)).ToArray(),
            };

            foreach (string name in extra ?? Enumerable.Empty<string>())
            {
                if (StandardProperties.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
                result.AdditionalProperties[name] = Plain(Lookup(user, name));
            }

            return result;
        }

        // The SDK keeps every deserialised property in its backing store under its JSON name;
        // properties it does not model land in AdditionalData.
        private static object? Lookup(User model, string name)
        {
            foreach (var pair in model.BackingStore.Enumerate())
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)) return pair.Value;
            }

            if (model is Microsoft.Kiota.Abstractions.Serialization.IAdditionalDataHolder holder)
            {
                foreach (var pair in holder.AdditionalData)
                {
                    if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)) return pair.Value;
                }
            }

            return null;
        }

        // Turns SDK values into plain .NET values: models become dictionaries, lists become arrays.
        private static object? Plain(object? value)
        {
            switch (value)
            {
                case null:
                case string _:
                    return value;
                // Kiota's backing store keeps a collection with its count, to notice changes: the list is Item1.
                case Tuple<ICollection, int> tracked:
                    return Plain(tracked.Item1);
                case IBackedModel model:
                    var dict = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var pair in model.BackingStore.Enumerate())
                    {
                        if (pair.Key.Equals("backingStoreEnabled", StringComparison.OrdinalIgnoreCase) || pair.Key.Equals("additionalData", StringComparison.OrdinalIgnoreCase)) continue;
                        dict[pair.Key] = Plain(pair.Value);
                    }

                    return dict;
                case IEnumerable items:
                    return items.Cast<object?>().Select(Plain).ToArray();
                default:
                    return value;
            }
        }
    }
}
