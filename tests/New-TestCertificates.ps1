<#
.SYNOPSIS
Writes the test certificates the Graph emulator's HTTPS endpoint and identity provider use.

.DESCRIPTION
Uses .NET's CertificateRequest only (no openssl), so it runs wherever pwsh runs. Same recipe as
tools/GraphEmulator/TestCertificates.cs (which the xunit tests use in memory). Writes to -OutputFolder:

  ca.pem                   self-signed test CA (basic constraints CA=true). Trust it for a whole process
                           on Linux with SSL_CERT_FILE=<folder>/ca.pem.
  server.pfx               TLS certificate for 127.0.0.1 and localhost (serverAuth), signed by the CA;
                           for the emulator's --https-cert / --https-cert-password.
  app1.pfx/.pem/.cer       client certificate to register on an app (.cer = public DER, base64 of it is
                           what POST /_emulator/apps "certificates" takes; .pem = certificate + unencrypted
                           PKCS#8 key, as ClientCertificateCredential reads it).
  rogue.pfx/.pem/.cer      a client certificate that is never registered (negative tests).

Existing files are overwritten. Prints only file names and thumbprints, never keys or the password.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $OutputFolder,
    [string] $Password = 'test'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$null = New-Item -ItemType Directory -Force -Path $OutputFolder
$folder = (Resolve-Path -LiteralPath $OutputFolder).ProviderPath
$sha256 = [System.Security.Cryptography.HashAlgorithmName]::SHA256
$pkcs1 = [System.Security.Cryptography.RSASignaturePadding]::Pkcs1
$now = [DateTimeOffset]::UtcNow

function New-Request([string] $Subject, [System.Security.Cryptography.RSA] $Key) {
    [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $Key, $sha256, $pkcs1)
}

function Write-Pem([string] $Path, [string] $Text) {
    [System.IO.File]::WriteAllText($Path, $Text.Replace("`r`n", "`n"))
}

function Write-ClientFiles([string] $Name) {
    $key = [System.Security.Cryptography.RSA]::Create(2048)
    try {
        $request = New-Request "CN=$Name" $key
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new(
            [System.Security.Cryptography.X509Certificates.X509KeyUsageFlags]::DigitalSignature, $true))
        $eku = [System.Security.Cryptography.OidCollection]::new()
        $null = $eku.Add([System.Security.Cryptography.Oid]::new('1.3.6.1.5.5.7.3.2')) # clientAuth
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($eku, $false))
        $certificate = $request.CreateSelfSigned($now.AddDays(-1), $now.AddYears(2))
        try {
            [System.IO.File]::WriteAllBytes((Join-Path $folder "$Name.pfx"), $certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx, $Password))
            [System.IO.File]::WriteAllBytes((Join-Path $folder "$Name.cer"), $certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Cert))
            Write-Pem (Join-Path $folder "$Name.pem") ($certificate.ExportCertificatePem() + "`n" + $key.ExportPkcs8PrivateKeyPem() + "`n")
            Write-Host "$Name.pfx/.pem/.cer  thumbprint $($certificate.Thumbprint)"
        }
        finally { $certificate.Dispose() }
    }
    finally { $key.Dispose() }
}

# CA
$caKey = [System.Security.Cryptography.RSA]::Create(2048)
$caRequest = New-Request 'CN=Graph Emulator Test CA' $caKey
$caRequest.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($true, $false, 0, $true))
$caRequest.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new(
    [System.Security.Cryptography.X509Certificates.X509KeyUsageFlags]'KeyCertSign, CrlSign', $true))
$caRequest.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509SubjectKeyIdentifierExtension]::new($caRequest.PublicKey, $false))
$ca = $caRequest.CreateSelfSigned($now.AddDays(-1), $now.AddYears(10))
try {
    Write-Pem (Join-Path $folder 'ca.pem') ($ca.ExportCertificatePem() + "`n")
    Write-Host "ca.pem  thumbprint $($ca.Thumbprint)"

    # Server certificate for 127.0.0.1 and localhost, signed by the CA.
    $serverKey = [System.Security.Cryptography.RSA]::Create(2048)
    try {
        $request = New-Request 'CN=127.0.0.1' $serverKey
        $names = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        $names.AddIpAddress([System.Net.IPAddress]::Loopback)
        $names.AddDnsName('localhost')
        $request.CertificateExtensions.Add($names.Build())
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($false, $false, 0, $true))
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new(
            [System.Security.Cryptography.X509Certificates.X509KeyUsageFlags]'DigitalSignature, KeyEncipherment', $true))
        $eku = [System.Security.Cryptography.OidCollection]::new()
        $null = $eku.Add([System.Security.Cryptography.Oid]::new('1.3.6.1.5.5.7.3.1')) # serverAuth
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($eku, $false))
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509SubjectKeyIdentifierExtension]::new($request.PublicKey, $false))
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509AuthorityKeyIdentifierExtension]::CreateFromCertificate($ca, $true, $false))
        $serial = [byte[]]::new(16)
        [System.Security.Cryptography.RandomNumberGenerator]::Fill($serial)
        $signed = $request.Create($ca, $now.AddDays(-1), $now.AddYears(2), $serial)
        $server = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::CopyWithPrivateKey($signed, $serverKey)
        try {
            [System.IO.File]::WriteAllBytes((Join-Path $folder 'server.pfx'), $server.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx, $Password))
            Write-Host "server.pfx  thumbprint $($server.Thumbprint) (127.0.0.1, localhost)"
        }
        finally { $server.Dispose(); $signed.Dispose() }
    }
    finally { $serverKey.Dispose() }
}
finally { $ca.Dispose(); $caKey.Dispose() }

Write-ClientFiles 'app1'
Write-ClientFiles 'rogue'
