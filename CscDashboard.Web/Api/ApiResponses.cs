using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CscDashboard.Core.Network.Import;
using CscDashboard.Core.OpenData;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CscDashboard.Web.Api;

public enum ApiFormat
{
    Json,
    Csv,
}

/// <summary>
/// How the API answers a list: JSON or CSV (<c>?format=csv</c>, or <c>Accept: text/csv</c>), the whole count in
/// <c>X-Total-Count</c>, nothing kept by a shared cache. The figures add an ETag (the answer's SHA-256): with
/// <c>If-None-Match</c> a client that already holds them gets a bodiless 304.
/// </summary>
public static class ApiResponses
{
    /// <summary>The format asked for; an unknown <c>format</c> value is a French 400.</summary>
    public static ApiFormat? FormatOf(HttpRequest request, out IResult? problem)
    {
        problem = null;
        var format = request.Query["format"].ToString().Trim().ToLowerInvariant();
        switch (format)
        {
            case "csv":
                return ApiFormat.Csv;
            case "json":
                return ApiFormat.Json;
            case "":
                return request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true) ? ApiFormat.Csv : ApiFormat.Json;
            default:
                problem = ApiProblems.Problem(StatusCodes.Status400BadRequest, "Le paramètre « format » vaut json ou csv.");
                return null;
        }
    }

    /// <summary>What is wrong with the page asked for: <c>page</c> from 1, <c>pageSize</c> from 1 to 500.</summary>
    public static IResult? PageProblem(int? page, int? pageSize) =>
        page is < 1
            ? ApiProblems.Problem(StatusCodes.Status400BadRequest, "Le paramètre « page » commence à 1.")
            : pageSize is < 1 or > ApiPage.MaxSize
                ? ApiProblems.Problem(StatusCodes.Status400BadRequest, $"Le paramètre « pageSize » va de 1 à {ApiPage.MaxSize}.")
                : null;

    public static IResult List<T>(HttpContext context, ApiFormat format, ApiList<T> list, IReadOnlyList<ApiColumn<T>> columns, string fileName)
    {
        var headers = context.Response.Headers;
        headers["X-Total-Count"] = list.Total.ToString(CultureInfo.InvariantCulture);
        headers.CacheControl = "no-store";
        headers.Vary = "Accept";
        return format == ApiFormat.Csv
            ? TypedResults.File(ApiTables.Csv(columns, list.Items), ExportFormat.Csv.ContentType(), $"{fileName}.csv")
            : TypedResults.Json(list, Json(context));
    }

    public static IResult Figures(HttpContext context, ApiFormat format, FigureTable table)
    {
        var body = format == ApiFormat.Csv
            ? ApiTables.Csv(ApiTables.Figures(table.GroupBy), table.Items)
            : JsonSerializer.SerializeToUtf8Bytes(table, Json(context));
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers["X-Total-Count"] = table.Total.ToString(CultureInfo.InvariantCulture);
        // Private: the figures follow the token's role; no-cache: kept, but checked again each time (304 when unchanged).
        headers.CacheControl = "private, no-cache";
        headers.Vary = "Accept";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Any(t => t == etag || t == "*")))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return format == ApiFormat.Csv
            ? TypedResults.File(body, ExportFormat.Csv.ContentType(), $"chiffres-{table.Period}-{string.Join("-", table.GroupBy)}.csv")
            : TypedResults.Bytes(body, "application/json; charset=utf-8");
    }

    private static JsonSerializerOptions Json(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
}
