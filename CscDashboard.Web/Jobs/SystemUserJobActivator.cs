using CscDashboard.Core.Common;
using CscDashboard.Web.Auth;
using Hangfire;

namespace CscDashboard.Web.Jobs;

/// <summary>
/// Resolves each Hangfire job in its own DI scope whose caller is a named system user (as the
/// command-line verbs do): Core services see full rights and the audit log names the job.
/// </summary>
public sealed class SystemUserJobActivator(IServiceScopeFactory scopes) : JobActivator
{
    public override JobActivatorScope BeginScope(JobActivatorContext context)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>()
            .SetSystemUser(CurrentUser.System($"tâche de fond {context.BackgroundJob.Job.Type.Name}"));
        return new Scope(scope);
    }

    private sealed class Scope(AsyncServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
