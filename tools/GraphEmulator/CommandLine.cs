using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GraphEmulator;

/// <summary>Thrown for an unusable command line; the message is shown to the user as is.</summary>
internal sealed class CommandLineException(string message) : Exception(message);

/// <summary>Parses the emulator's command line into <see cref="EmulatorOptions"/>.</summary>
internal static class CommandLine
{
    public const string Usage =
        "Usage: GraphEmulator [--port N] [--users PATH] [--roles PATH] [--properties PATH] [--synthetic N] " +
        "[--banned-passwords a,b,c] [--password-writeback true|false] [--domain NAME] [--federated-domains a,b] [--openapi PATH] " +
        "[--https-cert PATH.pfx] [--https-cert-password PW] [--apps PATH.json] [--contract-checks true|false] [--request-log-capacity N] " +
        "[--latency-ms N] [--latency-jitter-ms N] [--faults 429=R,503=R,504AfterApply=R,concurrencyViolation=R,drop=R,lostAnswer=R,hang=R,malformedBatch=R] " +
        "[--fault-seed N] [--fault-retry-after SECONDS] [--fault-hang-seconds SECONDS] [--fault-methods PATCH,POST] [--fault-writes-only true|false] " +
        "[--paging normal|repeat|endless] [--throttling true|false] [--time-scale X] [--throttle-resource-units N] [--throttle-writes N] " +
        "[--throttle-app-resource-units N] [--throttle-app-writes N] [--throttle-tenant-writes N]";

    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new CommandLineException($"Unexpected argument '{name}'. {Usage}");
            }

            // Accept both "--port 5080" and "--port=5080".
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[name[2..eq]] = name[(eq + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                values[name[2..]] = args[++i];
            }
            else
            {
                throw new CommandLineException($"Option '{name}' needs a value. {Usage}");
            }
        }

        var known = new[]
        {
            "port", "users", "roles", "properties", "synthetic", "banned-passwords", "password-writeback", "domain", "federated-domains", "openapi",
            "https-cert", "https-cert-password", "apps", "contract-checks", "request-log-capacity", "latency-ms", "latency-jitter-ms", "faults", "fault-seed",
            "fault-retry-after", "fault-hang-seconds", "fault-methods", "fault-writes-only", "paging", "throttling", "time-scale",
            "throttle-resource-units", "throttle-writes", "throttle-app-resource-units", "throttle-app-writes", "throttle-tenant-writes",
        };
        var unknown = values.Keys.FirstOrDefault(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw new CommandLineException($"Unknown option '--{unknown}'. {Usage}");
        }

        if (values.ContainsKey("https-cert-password") && !values.ContainsKey("https-cert"))
        {
            throw new CommandLineException($"--https-cert-password needs --https-cert. {Usage}");
        }

        return new EmulatorOptions
        {
            HttpsCertificate = values.TryGetValue("https-cert", out var certificate)
                ? LoadCertificate(certificate, values.GetValueOrDefault("https-cert-password"))
                : null,
            Apps = values.TryGetValue("apps", out var appsPath) ? LoadApps(appsPath) : [],
            Port = Int(values, "port", 5080, 0, 65535),
            UsersPath = FileOption(values, "users", ContractFileLocator.UsersFile),
            RolesPath = FileOption(values, "roles", ContractFileLocator.RolesFile),
            PropertiesPath = FileOption(values, "properties", ContractFileLocator.PropertiesFile),
            // Contract checks are a self-check: without the file (and without --openapi) they are off; benchmarks
            // switch them off (--contract-checks false), since checking a 999-user page costs more than serving it.
            OpenApiPath = !Bool(values, "contract-checks", true) ? null
                : values.ContainsKey("openapi") ? FileOption(values, "openapi", ContractFileLocator.OpenApiFile)
                : ContractFileLocator.TryFind(ContractFileLocator.OpenApiFile),
            SyntheticUsers = Int(values, "synthetic", 0, 0, 1_000_000),
            BannedPasswords = values.TryGetValue("banned-passwords", out var banned)
                ? banned.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : EmulatorOptions.DefaultBannedPasswords,
            PasswordWriteback = Bool(values, "password-writeback", true),
            Domain = values.TryGetValue("domain", out var domain) && domain.Length > 0 ? domain : EmulatorOptions.DefaultDomain,
            FederatedDomains = values.TryGetValue("federated-domains", out var federated)
                ? federated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [],
            RequestLogCapacity = Int(values, "request-log-capacity", 200_000, 1_000, 10_000_000),
            Latency = new LatencySettings(Int(values, "latency-ms", 0, 0, 600_000), Int(values, "latency-jitter-ms", 0, 0, 600_000)),
            Faults = Faults(values),
            Throttling = Throttling(values),
        };
    }

    private static ThrottlingOptions Throttling(Dictionary<string, string> values)
    {
        var defaults = new ThrottlingOptions();
        var options = new ThrottlingOptions
        {
            Enabled = Bool(values, "throttling", false),
            TimeScale = values.TryGetValue("time-scale", out var scale)
                ? double.TryParse(scale, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : throw new CommandLineException($"--time-scale must be a number > 0, got '{scale}'.")
                : 1,
            ResourceUnitsPer10Seconds = values.ContainsKey("throttle-resource-units") ? Int(values, "throttle-resource-units", 0, 1, int.MaxValue) : null,
            WritesPer150Seconds = Int(values, "throttle-writes", defaults.WritesPer150Seconds, 1, int.MaxValue),
            AppResourceUnitsPer20Seconds = Int(values, "throttle-app-resource-units", defaults.AppResourceUnitsPer20Seconds, 1, int.MaxValue),
            AppWritesPer5Minutes = Int(values, "throttle-app-writes", defaults.AppWritesPer5Minutes, 1, int.MaxValue),
            TenantWritesPer5Minutes = Int(values, "throttle-tenant-writes", defaults.TenantWritesPer5Minutes, 1, int.MaxValue),
        };
        try
        {
            options.Validate();
            return options;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new CommandLineException($"Throttling options: {ex.Message}");
        }
    }

    private static FaultSettings Faults(Dictionary<string, string> values)
    {
        if (!values.Keys.Any(k => k.StartsWith("fault", StringComparison.OrdinalIgnoreCase) || k.Equals("paging", StringComparison.OrdinalIgnoreCase)))
        {
            return FaultSettings.None;
        }

        try
        {
            return new FaultSettings
            {
                Rates = values.TryGetValue("faults", out var rates) ? FaultSettings.ParseRates(rates) : new Dictionary<string, double>(),
                Seed = values.TryGetValue("fault-seed", out var seed) ? long.Parse(seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0,
                RetryAfterSeconds = Seconds(values, "fault-retry-after", FaultSettings.None.RetryAfterSeconds),
                HangSeconds = Seconds(values, "fault-hang-seconds", FaultSettings.None.HangSeconds),
                Methods = values.TryGetValue("fault-methods", out var methods)
                    ? [.. methods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(m => m.ToUpperInvariant())]
                    : null,
                WritesOnly = Bool(values, "fault-writes-only", false),
                Paging = FaultSettings.ParsePaging(values.GetValueOrDefault("paging")),
            }.Validated();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            throw new CommandLineException($"Fault options: {ex.Message} {Usage}");
        }
    }

    private static double Seconds(Dictionary<string, string> values, string name, double fallback) =>
        !values.TryGetValue(name, out var text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds
        : throw new ArgumentException($"--{name} must be a number of seconds, got '{text}'.");

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        var full = Path.GetFullPath(path);
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(full, password);
            return certificate.HasPrivateKey ? certificate : throw new CommandLineException($"--https-cert: '{full}' holds no private key.");
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            // The message names the file, never the password.
            throw new CommandLineException($"--https-cert: cannot load '{full}' as PKCS#12 with the given password: {ex.Message}");
        }
    }

    private static IReadOnlyList<AppRegistration> LoadApps(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            var apps = AppRegistry.Load(full);
            foreach (var app in apps)
            {
                RegisteredApp.From(app); // validate now, so a bad file is a command-line error
            }

            return apps;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException or ArgumentException)
        {
            throw new CommandLineException($"--apps: cannot use '{full}': {ex.Message}");
        }
    }

    private static string FileOption(Dictionary<string, string> values, string name, string defaultRelative)
    {
        if (!values.TryGetValue(name, out var path))
        {
            try
            {
                return ContractFileLocator.Find(defaultRelative);
            }
            catch (FileNotFoundException ex)
            {
                throw new CommandLineException($"--{name} not given and no default found: {ex.Message}");
            }
        }

        var full = Path.GetFullPath(path);
        return File.Exists(full) ? full : throw new CommandLineException($"--{name}: file '{full}' does not exist.");
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new CommandLineException($"--{name} must be an integer from {min} to {max}, got '{text}'.");
    }

    private static bool Bool(Dictionary<string, string> values, string name, bool fallback)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return bool.TryParse(text, out var b) ? b : throw new CommandLineException($"--{name} must be true or false, got '{text}'.");
    }
}
