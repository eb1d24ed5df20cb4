using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GraphEmulator;

/// <summary>Builds and starts one emulator (standalone or inside a test process).</summary>
internal static class EmulatorHost
{
    public static async Task<RunningEmulator> StartAsync(EmulatorOptions options, CancellationToken cancellationToken)
    {
        var app = Build(options);
        try
        {
            app.Services.GetRequiredService<EmulatorState>().Reset();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // With port 0 the OS picks; the server's address list holds the bound port after start.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var scheme = options.HttpsCertificate is null ? "http" : "https";
        return new RunningEmulator(app, new Uri($"{scheme}://127.0.0.1:{port}/"));
    }

    private static WebApplication Build(EmulatorOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Quiet console: warnings and errors only, on stderr, so stdout holds just the listening line.
        // Nothing logs request bodies (passwords).
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // Loopback only; plain http, or HTTPS only when a certificate is given (Azure.Identity insists on
        // HTTPS for an authority host, toolchain-notes).
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
        {
            if (options.HttpsCertificate is { } certificate)
            {
                listen.UseHttps(certificate);
            }
        }));

        var catalog = UserPropertyCatalog.Load(options.PropertiesPath);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(catalog);
        var defaultUsers = new UserStore(catalog, options.Domain);
        services.AddSingleton(defaultUsers); // the default tenant's users
        services.AddSingleton(new TenantDirectory(options, defaultUsers, catalog));
        services.AddSingleton<AppRegistry>();
        services.AddSingleton<IssuedTokenLog>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton(new EmulatorSettings(options.PasswordWriteback, options.BannedPasswords, options.FederatedDomains));
        services.AddSingleton<RequestLog>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<EmulatorState>();
        services.AddSingleton<SearchEvaluator>();
        services.AddSingleton<SearchParser>();
        services.AddSingleton<UserQueryParser>();
        services.AddSingleton<UserQueryExecutor>();
        services.AddSingleton<UserPatch>();
        services.AddSingleton<RoleMembership>();
        services.AddSingleton<UserAuthorization>();
        services.AddSingleton<UserRoutes>();
        services.AddSingleton<GraphAuthentication>();
        services.AddSingleton<RequestRecorder>();
        services.AddSingleton<ContractViolations>();
        if (options.OpenApiPath is { } openApiPath)
        {
            var contract = OpenApiContract.Load(openApiPath); // once, at start
            services.AddSingleton(new ContractChecker(contract, new ContractSchemas(contract)));
            services.AddSingleton<ContractCheckMiddleware>();
        }

        services.AddSingleton(new GraphThrottle(options.Throttling, TimeProvider.System));
        services.AddSingleton<ThrottlingStage>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<ConnectionFaults>();
        services.AddSingleton<RequestFaults>();
        services.AddSingleton<Latency>();
        services.AddSingleton<BatchRoute>();
        UserActionServices.Add(services); // revokeSignInSessions, temporaryAccessPassMethods, fault rules
        services.AddSingleton<GraphRequestPipeline>(); // takes the contract check when registered

        var app = builder.Build();
        app.Use(RequestCorrelation.Middleware);
        // Every /v1.0 request, /$batch included, is answered by the one Graph pipeline.
        app.Map("/v1.0", graph => graph.Run(app.Services.GetRequiredService<GraphRequestPipeline>().InvokeAsync));
        app.Use(ControlRoutes.ErrorsMiddleware);
        ControlRoutes.Map(app);
        IdentityRoutes.Map(app);
        return app;
    }
}
