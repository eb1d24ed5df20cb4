namespace GraphEmulator;

/// <summary>The services of the routes under a user and of the fault rules, registered in one place by <see cref="EmulatorHost"/>.</summary>
internal static class UserActionServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<TemporaryAccessPassPolicyStore>();
        services.AddSingleton<UserActionAuthorization>();
        services.AddSingleton<RevokeSignInSessionsRoute>();
        services.AddSingleton<TemporaryAccessPassRoutes>();
        services.AddSingleton<UserActionRoutes>();
        services.AddSingleton<FaultRuleStages>();
    }
}
