using Microsoft.AspNetCore.Identity;

namespace CscDashboard.Web.Auth;

public static class TwoFactorRegistration
{
    /// <summary>
    /// The second-factor settings (ADR 018): the roles that require it, and the partial cookie between the password
    /// and the code (or the enrolment), which lasts 15 minutes so that someone can install an authenticator app.
    /// </summary>
    public static IServiceCollection AddTwoFactorSignIn(this IServiceCollection services, IConfiguration configuration, CookieSecurePolicy secure)
    {
        services.AddSingleton(TwoFactorPolicy.From(configuration));
        services.AddScoped<TwoFactorSetup>();
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie =>
        {
            cookie.Cookie.Name = "csc.2fa";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = secure;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(15);
        });
        return services;
    }
}
