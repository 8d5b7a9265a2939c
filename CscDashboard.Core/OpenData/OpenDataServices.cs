using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Core.OpenData;

public static class OpenDataServices
{
    /// <summary>The read API's Core classes and its personal access tokens (ADR 026).</summary>
    public static IServiceCollection AddOpenData(this IServiceCollection services)
    {
        services.AddScoped<AccessTokenService>();
        services.AddScoped<AccessTokenAuthenticator>();
        services.AddScoped<OpenFigures>();
        services.AddScoped<OpenActivities>();
        services.AddScoped<OpenNetwork>();
        return services;
    }
}
