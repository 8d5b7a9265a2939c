using System.Data.Common;
using System.Globalization;
using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Operations;
using Npgsql;

namespace CscDashboard.Web.Cli;

/// <summary>What a hand-written run read: statements, rows, and the period's activity count (to check it agrees with the app).</summary>
public sealed record DashboardSqlRun(int Statements, int Rows, long Activities);

/// <summary>
/// The statements <see cref="DashboardService"/> issues for a dashboard (its <see cref="PeriodFigures"/> queries
/// and the network reads around them), written by hand and run with plain ADO.NET commands: the yardstick
/// of the <c>bench</c> verb, not product code. Same tables, filters and GROUP BYs as the SQL EF generates for
/// the service (checked against its logged SQL), one statement per service query, every row read; no EF, no
/// DTOs. Keep it in step when the service changes (<c>NationalDataSeederTests</c> counts the statements of both).
/// The statements are plain SQL that SQLite and PostgreSQL both run as written (quoted names,
/// <c>@name</c> parameters, CASE, no date functions); what differs is how a date travels: SQLite
/// stores and compares <c>yyyy-MM-dd</c> text, PostgreSQL a <c>date</c> (<see cref="Day"/>, <see cref="DateOf"/>).
/// </summary>
public sealed class DashboardSql(DbConnection connection)
{
    private readonly bool _postgres = connection is NpgsqlConnection;

    /// <summary>One statement as run: text, parameters and time.</summary>
    public sealed record Statement(string Sql, IReadOnlyList<(string Name, object Value)> Parameters, double Milliseconds, int Rows);

    /// <summary>When set, every statement run is added to it (the bench's <c>--plans</c>).</summary>
    public List<Statement>? Trace { get; init; }

    private int _statements;
    private int _rows;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The federation overview (<see cref="DashboardService.GetOverviewAsync"/>); <paramref name="today"/> is the service clock's local date.</summary>
    public async Task<DashboardSqlRun> OverviewAsync(Period period, DateOnly today, CancellationToken ct = default)
    {
        (_statements, _rows) = (0, 0);
        var area = await OverviewFiguresAsync(period, today, null, ct);
        await WindowAsync(ct);
        return new DashboardSqlRun(_statements, _rows, area.Activities);
    }

    /// <summary>One territory (<see cref="DashboardService.GetTerritoryAsync"/>); <paramref name="today"/> is the service clock's local date.</summary>
    public async Task<DashboardSqlRun> TerritoryAsync(string code, Period period, DateOnly today, CancellationToken ct = default)
    {
        (_statements, _rows) = (0, 0);
        var territory = await ReadAsync("""
            SELECT t."Id", t."Code", t."Name", s."Name" FROM "Territories" t JOIN "Sectors" s ON s."Id" = t."SectorId"
            WHERE t."Code" = @code LIMIT 2
            """, ct, ("@code", code));
        if (territory.Count != 1)
        {
            throw new InvalidOperationException($"Le territoire « {code} » n'existe pas.");
        }
        var id = Convert.ToInt32(territory[0][0], CultureInfo.InvariantCulture);
        var area = await OverviewFiguresAsync(period, today, id, ct);
        var reference = period.To < today ? period.To : today;

        // The centres table: the centres, their last dates (the reference's month again from the activities if needed), their staff.
        await ReadAsync("""
            SELECT "Id", "TerritoryId", "Name", "Commune" FROM "SocialCentres" WHERE "TerritoryId" = @t AND "ArchivedAt" IS NULL ORDER BY "Name"
            """, ct, ("@t", id));
        var month = new DateOnly(reference.Year, reference.Month, 1);
        var lastDates = await ReadAsync("""
            SELECT "CentreId", "Month" < @month, MAX("LastDate"), MAX("LastVisitDate") FROM "CentreMonthStats"
            WHERE "TerritoryId" = @t AND "Month" <= @month GROUP BY "CentreId", "Month" < @month
            """, ct, ("@month", Day(month)), ("@t", id));
        var beyond = lastDates.Where(r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture) == 0 && r[2] is not null && DateOf(r[2]!) > reference)
            .Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)).ToList();
        if (beyond.Count > 0)
        {
            await ReadAsync($"""
                SELECT ac."CentreId", MAX(a."Date"), MAX(CASE WHEN a."Format" = 'Visit' OR a."Type" = 'CentreSupport' THEN a."Date" END)
                FROM "ActivityCentres" ac JOIN "Activities" a ON a."Id" = ac."ActivityId"
                WHERE ac."CentreId" IN ({string.Join(", ", beyond)}) AND a."DeletedAt" IS NULL AND a."Date" >= @month AND a."Date" <= @ref
                GROUP BY ac."CentreId"
                """, ct, ("@month", Day(month)), ("@ref", Day(reference)));
        }
        await ReadAsync("""
            SELECT DISTINCT "CentreId" FROM "Members"
            WHERE "TerritoryId" = @t AND "CentreId" IS NOT NULL AND "ArchivedAt" IS NULL AND "Role" IN ('Ctn', 'Mediator')
              AND "ActiveFrom" <= @ref AND ("ActiveTo" IS NULL OR "ActiveTo" >= @ref)
            """, ct, ("@t", id), ("@ref", Day(reference)));

        // The top partners: the period's partner rows, already read, and their names.
        var top = area.Partners.GroupBy(p => Convert.ToInt32(p[0], CultureInfo.InvariantCulture))
            .Select(g => (Id: g.Key, Count: g.Sum(p => Convert.ToInt64(p[2], CultureInfo.InvariantCulture))))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Id).Take(5).ToList();
        if (top.Count > 0)
        {
            await ReadAsync($"""SELECT "Id", "Name" FROM "Partners" WHERE "Id" IN ({string.Join(", ", top.Select(p => p.Id))})""", ct);
        }
        await WindowAsync(ct);
        return new DashboardSqlRun(_statements, _rows, area.Activities);
    }

    /// <summary>The service reads the operations once more for the window the shared cache keeps with the figures (ADR 035).</summary>
    private Task<List<object?[]>> WindowAsync(CancellationToken ct) =>
        ReadAsync("""SELECT "Id", "Code", "StartDate", "EndDate" FROM "Operations" ORDER BY "StartDate" """, ct);

    /// <summary>What one period of an overview read: its activity count and its partner rows (partner, territory, activities).</summary>
    private sealed record Area(long Activities, List<object?[]> Partners);

    /// <summary>The overview part (KPIs for the period and the compared one, territories, workstreams, trend).</summary>
    private async Task<Area> OverviewFiguresAsync(Period period, DateOnly today, int? territoryId, CancellationToken ct)
    {
        var area = await AreaAsync(period, territoryId, ct);
        await AreaAsync(period.ComparedPeriod(today), territoryId, ct);
        await ReadAsync($"""
            SELECT t."Id", t."Code", t."Name", s."Number", s."Name" FROM "Territories" t JOIN "Sectors" s ON s."Id" = t."SectorId"
            {(territoryId is null ? "" : """WHERE t."Id" = @t""")} ORDER BY t."Number"
            """, ct, ("@t", territoryId ?? 0));

        var slices = PeriodSlices.Of(period);
        await FiguresAsync(slices, territoryId,
            """SELECT "WorkstreamId", SUM("Activities"), SUM("Minutes"), SUM("Inhabitants") FROM "WorkstreamMonthStats" """,
            """
            SELECT aw."WorkstreamId", COUNT(*), SUM(a."DurationMinutes"), SUM(a."InhabitantCount")
            FROM "ActivityWorkstreams" aw JOIN "Activities" a ON a."Id" = aw."ActivityId"
            """, """a."TerritoryId" """, """GROUP BY "WorkstreamId" """, """GROUP BY aw."WorkstreamId" """, ct);
        await ReadAsync("""SELECT "Id", "Number", "ShortName" FROM "Workstreams" ORDER BY "Number" """, ct);

        var trendEnd = DashboardService.TrendEnd(period, today);
        var last = new DateOnly(trendEnd.Year, trendEnd.Month, 1);
        await ReadAsync($"""
            SELECT "Month", SUM("Activities"), SUM("Minutes") FROM "ActivityMonthStats"
            WHERE "Month" >= @first AND "Month" <= @last{(territoryId is null ? "" : """ AND "TerritoryId" = @t""")} GROUP BY "Month"
            """, ct, ("@first", Day(last.AddMonths(-(DashboardService.TrendMonths - 1)))), ("@last", Day(last)), ("@t", territoryId ?? 0));

        // The month close (« Chiffres validés jusqu'à … »): the operations' periods, then the approved months of those ended.
        var operations = (await ReadAsync("""SELECT "Id", "Code", "StartDate", "EndDate" FROM "Operations" ORDER BY "StartDate" """, ct))
            .Select(r => new OperationPeriod(Convert.ToInt32(r[0], CultureInfo.InvariantCulture), (string)r[1]!, DateOf(r[2]!), DateOf(r[3]!))).ToList();
        var ended = new List<DateOnly>();
        for (var month = MonthClosing.MonthOf(period.From); month <= period.To; month = month.AddMonths(1))
        {
            if (MonthClosing.IsClosable(month, today, operations))
            {
                ended.Add(month);
            }
        }
        if (ended.Count > 0)
        {
            if (territoryId is null)
            {
                await ReadAsync("""SELECT COUNT(*) FROM "Territories" """, ct);
            }
            await ReadAsync($"""
                SELECT "Month", COUNT(*) FROM "MonthCloses" WHERE "Status" = 'Approved' AND "Month" >= @first AND "Month" <= @last
                {(territoryId is null ? "" : """AND "TerritoryId" = @t""")} GROUP BY "Month"
                """, ct, ("@first", Day(ended[0])), ("@last", Day(ended[^1])), ("@t", territoryId ?? 0));
        }
        return area;
    }

    /// <summary>KPIs of one period: type sums, active centres (with their hours for one territory), partners met, engaged centres, active members.</summary>
    private async Task<Area> AreaAsync(Period period, int? territoryId, CancellationToken ct)
    {
        var slices = PeriodSlices.Of(period);
        var types = await FiguresAsync(slices, territoryId,
            """
            SELECT "TerritoryId", "Type", SUM("Activities"), SUM("Minutes"), SUM("Inhabitants"), SUM("Professionals"), SUM("Volunteers"),
                   SUM("EveningMinutes"), SUM("WeekendMinutes")
            FROM "ActivityMonthStats"
            """,
            """
            SELECT a."TerritoryId", a."Type", COUNT(*), SUM(a."DurationMinutes"), SUM(a."InhabitantCount"), SUM(a."ProfessionalCount"), SUM(a."VolunteerCount"),
                   SUM(CASE WHEN a."IsEvening" THEN a."DurationMinutes" ELSE 0 END), SUM(CASE WHEN a."IsWeekend" THEN a."DurationMinutes" ELSE 0 END)
            FROM "Activities" a
            """, """a."TerritoryId" """, """GROUP BY "TerritoryId", "Type" """, """GROUP BY a."TerritoryId", a."Type" """, ct);
        // Active centres and partners met: the federation reads which ones (SELECT DISTINCT), one territory their sums too.
        var one = territoryId is not null;
        await FiguresAsync(slices, territoryId,
            $"""SELECT {(one ? "" : "DISTINCT ")}"CentreId", "TerritoryId"{(one ? ", SUM(\"Activities\"), SUM(\"Minutes\")" : "")} FROM "CentreMonthStats" """,
            $"""
            SELECT {(one ? "" : "DISTINCT ")}ac."CentreId", s."TerritoryId"{(one ? ", COUNT(*), SUM(a.\"DurationMinutes\")" : "")} FROM "ActivityCentres" ac
            JOIN "Activities" a ON a."Id" = ac."ActivityId" JOIN "SocialCentres" s ON s."Id" = ac."CentreId"
            """, """s."TerritoryId" """, one ? """GROUP BY "CentreId", "TerritoryId" """ : "", one ? """GROUP BY ac."CentreId", s."TerritoryId" """ : "", ct);
        var partners = await FiguresAsync(slices, territoryId,
            $"""SELECT {(one ? "" : "DISTINCT ")}"PartnerId", "TerritoryId"{(one ? ", SUM(\"Activities\")" : "")} FROM "PartnerMonthStats" """,
            $"""
            SELECT {(one ? "" : "DISTINCT ")}ap."PartnerId", a."TerritoryId"{(one ? ", COUNT(*)" : "")} FROM "ActivityPartners" ap JOIN "Activities" a ON a."Id" = ap."ActivityId"
            """, """a."TerritoryId" """, one ? """GROUP BY "PartnerId", "TerritoryId" """ : "", one ? """GROUP BY ap."PartnerId", a."TerritoryId" """ : "", ct);
        var territoryFilter = territoryId is null ? "" : """ AND "TerritoryId" = @t""";
        await ReadAsync($"""
            SELECT "TerritoryId", COUNT(*) FROM "SocialCentres"
            WHERE "ArchivedAt" IS NULL AND "EngagedOn" IS NOT NULL AND "EngagedOn" <= @to AND ("WithdrawnOn" IS NULL OR "WithdrawnOn" > @to){territoryFilter}
            GROUP BY "TerritoryId"
            """, ct, ("@to", Day(period.To)), ("@t", territoryId ?? 0));
        await ReadAsync($"""
            SELECT "TerritoryId", COUNT(*) FROM "Members"
            WHERE "ArchivedAt" IS NULL AND "ActiveFrom" <= @to AND ("ActiveTo" IS NULL OR "ActiveTo" >= @from){territoryFilter}
            GROUP BY "TerritoryId"
            """, ct, ("@from", Day(period.From)), ("@to", Day(period.To)), ("@t", territoryId ?? 0));
        return new Area(types.Sum(r => Convert.ToInt64(r[2], CultureInfo.InvariantCulture)), partners);
    }

    /// <summary>
    /// One <see cref="PeriodFigures"/> query: the whole months from an aggregate (<paramref name="months"/>, then
    /// its month range and territory filter and <paramref name="monthsGroupBy"/>), the edge days from the
    /// activities (<paramref name="days"/>, aliased <c>a</c>, live and in the edges, <paramref name="dayTerritory"/>
    /// filtered, <paramref name="daysGroupBy"/>), each only when the period has some. Returns the rows of both.
    /// </summary>
    private async Task<List<object?[]>> FiguresAsync(PeriodSlices slices, int? territoryId,
        string months, string days, string dayTerritory, string monthsGroupBy, string daysGroupBy, CancellationToken ct)
    {
        var rows = new List<object?[]>();
        if (slices.HasMonths)
        {
            rows.AddRange(await ReadAsync($"""
                {months} WHERE "Month" >= @first AND "Month" <= @last{(territoryId is null ? "" : """ AND "TerritoryId" = @t""")} {monthsGroupBy}
                """, ct, Months(slices, territoryId)));
        }
        if (slices.HasEdges)
        {
            rows.AddRange(await ReadAsync($"""
                {days} WHERE a."DeletedAt" IS NULL AND {EdgeFilter(slices, "a.")}{(territoryId is null ? "" : $" AND {dayTerritory}= @t")} {daysGroupBy}
                """, ct, Edges(slices, territoryId)));
        }
        return rows;
    }

    private (string, object)[] Months(PeriodSlices slices, int? territoryId) =>
        [("@first", Day(slices.FirstMonth)), ("@last", Day(slices.LastMonth)), ("@t", territoryId ?? 0)];

    private (string, object)[] Edges(PeriodSlices slices, int? territoryId) =>
    [
        .. slices.EdgeRanges.SelectMany((r, i) => new (string, object)[] { ($"@f{i + 1}", Day(r.From)), ($"@t{i + 1}", Day(r.To)) }),
        ("@t", territoryId ?? 0),
    ];

    /// <summary>The days of the edges that hold some (as <see cref="PeriodSlices.Edges"/> writes them for EF).</summary>
    private static string EdgeFilter(PeriodSlices slices, string alias) =>
        "(" + string.Join(" OR ", slices.EdgeRanges.Select((_, i) => $"""({alias}"Date" >= @f{i + 1} AND {alias}"Date" <= @t{i + 1})""")) + ")";

    /// <summary>A date as the database compares it: text on SQLite, a date on PostgreSQL.</summary>
    private object Day(DateOnly date) => _postgres ? date : Date(date);

    /// <summary>A date read back: text from SQLite, a DateTime from Npgsql.</summary>
    private static DateOnly DateOf(object value) => value switch
    {
        DateOnly date => date,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        _ => DateOnly.ParseExact(Convert.ToString(value, CultureInfo.InvariantCulture)!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private Task<List<object?[]>> ReadAsync(string sql, CancellationToken ct, params (string Name, object Value)[] parameters) =>
        ReadAsync(sql, parameters, ct);

    /// <summary>Runs one statement and reads every row (both providers ignore parameters a statement does not use).</summary>
    private async Task<List<object?[]>> ReadAsync(string sql, (string Name, object Value)[] parameters, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var rows = new List<object?[]>();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }
                rows.Add(row);
            }
        }
        Trace?.Add(new Statement(sql, parameters, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, rows.Count));
        _statements++;
        _rows += rows.Count;
        return rows;
    }
}
