using System;
using System.Collections.Generic;
using System.Linq;
using PasswordReset.Users;

namespace PasswordReset.Completion
{
    /// <summary>
    /// The user properties <c>-Property</c> can <c>$select</c>: the structural (non-navigation) properties of
    /// <c>microsoft.graph.user</c> in v1.0, in schema order, with their types, as listed in
    /// <c>shared/graph-contract/user-properties.v1.0.json</c> (from Microsoft's published OpenAPI description). A test
    /// compares this list with that file, so the two cannot drift; kept in code so completing needs no file and no request.
    /// </summary>
    public static class UserPropertyNames
    {
        // manager is left out although the contract file marks it structural: the user resource documents it as a
        // relationship (GET /users/{id}/manager or $expand=manager); the OpenAPI gives it as a bare $ref without the
        // x-ms-navigationProperty flag the file's "navigation" column is read from.
        internal static readonly IReadOnlyList<(string Name, string Type)> Properties = new[]
        {
            ("id", "string"),
            ("deletedDateTime", "string/date-time"),
            ("aboutMe", "string"),
            ("accountEnabled", "boolean"),
            ("ageGroup", "string"),
            ("assignedLicenses", "Collection(microsoft.graph.assignedLicense)"),
            ("assignedPlans", "Collection(microsoft.graph.assignedPlan)"),
            ("authorizationInfo", "microsoft.graph.authorizationInfo"),
            ("birthday", "string/date-time"),
            ("businessPhones", "Collection(string)"),
            ("city", "string"),
            ("companyName", "string"),
            ("consentProvidedForMinor", "string"),
            ("country", "string"),
            ("createdDateTime", "string/date-time"),
            ("creationType", "string"),
            ("customSecurityAttributes", "microsoft.graph.customSecurityAttributeValue"),
            ("department", "string"),
            ("deviceEnrollmentLimit", "number/int32"),
            ("displayName", "string"),
            ("employeeHireDate", "string/date-time"),
            ("employeeId", "string"),
            ("employeeLeaveDateTime", "string/date-time"),
            ("employeeOrgData", "microsoft.graph.employeeOrgData"),
            ("employeeType", "string"),
            ("externalUserState", "string"),
            ("externalUserStateChangeDateTime", "string/date-time"),
            ("faxNumber", "string"),
            ("givenName", "string"),
            ("hireDate", "string/date-time"),
            ("identities", "Collection(microsoft.graph.objectIdentity)"),
            ("imAddresses", "Collection(string)"),
            ("interests", "Collection(string)"),
            ("isManagementRestricted", "boolean"),
            ("isResourceAccount", "boolean"),
            ("jobTitle", "string"),
            ("lastPasswordChangeDateTime", "string/date-time"),
            ("legalAgeGroupClassification", "string"),
            ("licenseAssignmentStates", "Collection(microsoft.graph.licenseAssignmentState)"),
            ("mail", "string"),
            ("mailboxSettings", "microsoft.graph.mailboxSettings"),
            ("mailNickname", "string"),
            ("mobilePhone", "string"),
            ("mySite", "string"),
            ("officeLocation", "string"),
            ("onPremisesDistinguishedName", "string"),
            ("onPremisesDomainName", "string"),
            ("onPremisesExtensionAttributes", "microsoft.graph.onPremisesExtensionAttributes"),
            ("onPremisesImmutableId", "string"),
            ("onPremisesLastSyncDateTime", "string/date-time"),
            ("onPremisesProvisioningErrors", "Collection(microsoft.graph.onPremisesProvisioningError)"),
            ("onPremisesSamAccountName", "string"),
            ("onPremisesSecurityIdentifier", "string"),
            ("onPremisesSyncEnabled", "boolean"),
            ("onPremisesUserPrincipalName", "string"),
            ("otherMails", "Collection(string)"),
            ("passwordPolicies", "string"),
            ("passwordProfile", "microsoft.graph.passwordProfile"),
            ("pastProjects", "Collection(string)"),
            ("postalCode", "string"),
            ("preferredDataLocation", "string"),
            ("preferredLanguage", "string"),
            ("preferredName", "string"),
            ("print", "microsoft.graph.userPrint"),
            ("provisionedPlans", "Collection(microsoft.graph.provisionedPlan)"),
            ("proxyAddresses", "Collection(string)"),
            ("responsibilities", "Collection(string)"),
            ("schools", "Collection(string)"),
            ("securityIdentifier", "string"),
            ("serviceProvisioningErrors", "Collection(microsoft.graph.serviceProvisioningError)"),
            ("showInAddressList", "boolean"),
            ("signInActivity", "microsoft.graph.signInActivity"),
            ("signInSessionsValidFromDateTime", "string/date-time"),
            ("skills", "Collection(string)"),
            ("state", "string"),
            ("streetAddress", "string"),
            ("surname", "string"),
            ("usageLocation", "string"),
            ("userPrincipalName", "string"),
            ("userType", "string"),
            ("identityParentId", "string"),
        };

        private static bool IsAlwaysSelected(string name) => UserMapper.StandardProperties.Contains(name, StringComparer.OrdinalIgnoreCase);

        /// <summary>The property names, in schema order (camelCase, as Graph spells them).</summary>
        public static IEnumerable<string> All => Properties.Select(p => p.Name);

        /// <summary>
        /// Completes a typed word (quotes included, see <see cref="PowerShellLiteral.Unquote"/>) with the property names
        /// that start with it, ignoring case, sorted; each with its Graph type as the tool tip, and "always selected" for
        /// the properties every Get-AadUser request already selects. No request is sent.
        /// </summary>
        /// <param name="wordToComplete">The word typed so far; empty lists every property.</param>
        public static IReadOnlyList<CompletionItem> Complete(string? wordToComplete)
        {
            string prefix = PowerShellLiteral.Unquote(wordToComplete);
            return Properties
                .Where(p => p.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .Select(p => new CompletionItem(p.Name, p.Name, IsAlwaysSelected(p.Name) ? p.Type + " (always selected)" : p.Type))
                .ToList();
        }
    }
}
