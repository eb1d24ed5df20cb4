using System;
using System.Collections.Generic;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using PasswordReset.Graph;

namespace PasswordReset.Auth
{
    /// <summary>What the admin gave <c>Connect-AadGraph</c>, free of PowerShell types.</summary>
    public sealed class SignInRequest
    {
        /// <summary>The public client that Connect-MgGraph and Connect-Entra use: "Microsoft Graph Command Line Tools".</summary>
        public const string GraphCommandLineToolsClientId = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

        /// <summary>Delegated scopes asked for by default: lookups need the first, a reset the second (graph-facts.md §1).</summary>
        public static readonly IReadOnlyList<string> DefaultScopes = new[] { "User.Read.All", "User-PasswordProfile.ReadWrite.All" };

        /// <summary>The sign-in mode.</summary>
        public SignInMode Mode { get; set; }

        /// <summary>Tenant id or domain; null lets the interactive modes use <c>organizations</c>.</summary>
        public string? TenantId { get; set; }

        /// <summary>Application (client) id; see <see cref="GraphCommandLineToolsClientId"/> for the delegated default.</summary>
        public string? ClientId { get; set; }

        /// <summary>Delegated scopes (short names such as <c>User.Read.All</c>, or full URIs).</summary>
        public IReadOnlyList<string>? Scopes { get; set; }

        /// <summary>The client secret (ClientSecret mode).</summary>
        public SecureString? ClientSecret { get; set; }

        /// <summary>The client certificate with its private key (Certificate mode, unless <see cref="CertificatePath"/>).</summary>
        public X509Certificate2? Certificate { get; set; }

        /// <summary>A PEM file (certificate and unencrypted key) for Azure.Identity to read (Certificate mode).</summary>
        public string? CertificatePath { get; set; }

        /// <summary>The national cloud: Graph root, token audience and default authority.</summary>
        public GraphEnvironment Environment { get; set; } = GraphEnvironment.Global;

        /// <summary>Overrides the cloud's authority (private or emulated clouds); turns instance discovery off.</summary>
        public Uri? AuthorityHost { get; set; }

        /// <summary>Receives the device-code message (any thread); the cmdlet shows it on the host.</summary>
        public Action<string>? DeviceCodeMessage { get; set; }
    }
}
