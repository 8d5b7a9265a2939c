using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CscDashboard.Core.Data.Postgres;

/// <summary>
/// Every search box of the app filters with <c>EF.Functions.Like</c> and means "ignoring case", which
/// is what SQLite's LIKE does (for ASCII letters). PostgreSQL's LIKE is case-sensitive, so on
/// PostgreSQL each such call becomes <c>EF.Functions.ILike</c> before EF translates the query; the
/// services stay provider-neutral. (docs/decisions/010-postgresql-and-several-instances.md)
/// </summary>
public sealed class CaseInsensitiveLikeInterceptor : IQueryExpressionInterceptor
{
    public static readonly CaseInsensitiveLikeInterceptor Instance = new();

    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly MethodInfo LikeWithoutEscape = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like),
        [typeof(DbFunctions), typeof(string), typeof(string)])!;

    private static readonly MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(nameof(NpgsqlDbFunctionsExtensions.ILike),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly MethodInfo ILikeWithoutEscape = typeof(NpgsqlDbFunctionsExtensions).GetMethod(nameof(NpgsqlDbFunctionsExtensions.ILike),
        [typeof(DbFunctions), typeof(string), typeof(string)])!;

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) =>
        new Rewriter().Visit(queryExpression);

    private sealed class Rewriter : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var visited = (MethodCallExpression)base.VisitMethodCall(node);
            if (visited.Method == Like)
            {
                return Expression.Call(ILike, visited.Arguments);
            }
            return visited.Method == LikeWithoutEscape ? Expression.Call(ILikeWithoutEscape, visited.Arguments) : visited;
        }
    }
}
