using System.Reflection;
using CscDashboard.Core.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Web;

/// <summary>
/// Rules of the architecture that check themselves (issue 16 point 6, CONTRIBUTING.md): a page or component calls a Core
/// service and never holds a database context or its factory, whether injected (<c>@inject</c>, [Inject]) or passed to
/// its constructor.
/// </summary>
public sealed class ArchitectureRulesTests
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>Each component of <paramref name="types"/> that holds a database context or factory, with the member that does.</summary>
    private static List<string> DatabaseHolders(IEnumerable<Type> types) =>
        [.. from type in types
            where typeof(IComponent).IsAssignableFrom(type) && !type.IsAbstract
            from member in MemberTypes(type)
            where IsDatabase(member.Type)
            select $"{type.FullName}.{member.Name}"];

    private static IEnumerable<(string Name, Type Type)> MemberTypes(Type type)
    {
        for (var t = type; t is not null && t != typeof(ComponentBase) && t != typeof(object); t = t.BaseType)
        {
            foreach (var property in t.GetProperties(Members))
            {
                yield return (property.Name, property.PropertyType);
            }
            foreach (var field in t.GetFields(Members).Where(f => !f.Name.StartsWith('<'))) // backing fields: their property or parameter counts
            {
                yield return (field.Name, field.FieldType);
            }
            foreach (var parameter in t.GetConstructors(Members).SelectMany(c => c.GetParameters()))
            {
                yield return (parameter.Name ?? "(constructor)", parameter.ParameterType);
            }
        }
    }

    private static bool IsDatabase(Type type) =>
        typeof(DbContext).IsAssignableFrom(type)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDbContextFactory<>));

    [Fact]
    public void No_component_of_the_web_app_holds_a_database_context_or_its_factory()
    {
        var components = typeof(CscDashboard.Web.WebCulture).Assembly.GetTypes();

        Assert.Contains(components, t => typeof(IComponent).IsAssignableFrom(t)); // the scan sees the app's components
        Assert.Empty(DatabaseHolders(components));
    }

    [Fact]
    public void The_rule_finds_a_component_that_injects_the_factory_and_one_that_takes_the_context()
    {
        Assert.Equal(
            [$"{typeof(InjectsFactory).FullName}.Factory", $"{typeof(TakesContext).FullName}.db"],
            DatabaseHolders([typeof(InjectsFactory), typeof(TakesContext), typeof(CallsAService)]));
    }

    private sealed class InjectsFactory : ComponentBase
    {
        [Inject] public IDbContextFactory<AppDbContext> Factory { get; set; } = default!;
    }

    private sealed class TakesContext(AppDbContext db) : ComponentBase
    {
        public override string ToString() => db.ToString()!;
    }

    private sealed class CallsAService : ComponentBase
    {
        [Inject] public TimeProvider Clock { get; set; } = default!;
    }
}
