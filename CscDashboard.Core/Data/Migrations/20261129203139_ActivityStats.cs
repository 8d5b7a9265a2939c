using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CscDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActivityStats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "Month",
                table: "Activities",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.CreateTable(
                name: "ActivityMonthStats",
                columns: table => new
                {
                    TerritoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Inhabitants = table.Column<int>(type: "INTEGER", nullable: false),
                    Professionals = table.Column<int>(type: "INTEGER", nullable: false),
                    Volunteers = table.Column<int>(type: "INTEGER", nullable: false),
                    Partners = table.Column<int>(type: "INTEGER", nullable: false),
                    EveningMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    WeekendMinutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityMonthStats", x => new { x.TerritoryId, x.Month, x.Type });
                });

            migrationBuilder.CreateTable(
                name: "CentreMonthStats",
                columns: table => new
                {
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TerritoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    LastDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastVisitDate = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CentreMonthStats", x => new { x.CentreId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "PartnerMonthStats",
                columns: table => new
                {
                    PartnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    TerritoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerMonthStats", x => new { x.PartnerId, x.TerritoryId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "WorkstreamMonthStats",
                columns: table => new
                {
                    WorkstreamId = table.Column<int>(type: "INTEGER", nullable: false),
                    TerritoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Inhabitants = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkstreamMonthStats", x => new { x.WorkstreamId, x.TerritoryId, x.Month });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_TerritoryId_Month",
                table: "Activities",
                columns: new[] { "TerritoryId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityMonthStats_Month_TerritoryId",
                table: "ActivityMonthStats",
                columns: new[] { "Month", "TerritoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_CentreMonthStats_Month_TerritoryId",
                table: "CentreMonthStats",
                columns: new[] { "Month", "TerritoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_CentreMonthStats_TerritoryId_Month",
                table: "CentreMonthStats",
                columns: new[] { "TerritoryId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerMonthStats_Month_TerritoryId",
                table: "PartnerMonthStats",
                columns: new[] { "Month", "TerritoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkstreamMonthStats_Month_TerritoryId",
                table: "WorkstreamMonthStats",
                columns: new[] { "Month", "TerritoryId" });

            // Existing rows: derive the month, then fill the aggregates.
            migrationBuilder.Sql("UPDATE \"Activities\" SET \"Month\" = substr(\"Date\", 1, 7) || '-01';");
            foreach (var statement in FillStatements)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <summary>The aggregates as this migration defined them, frozen here (the application now fills them with ActivityStatsUpdater).</summary>
        private static readonly string[] FillStatements =
        [
            """
            INSERT INTO "ActivityMonthStats" ("TerritoryId", "Month", "Type", "Activities", "Minutes", "Inhabitants", "Professionals", "Volunteers", "Partners", "EveningMinutes", "WeekendMinutes")
            SELECT "TerritoryId", "Month", "Type", COUNT(*), SUM("DurationMinutes"), SUM("InhabitantCount"), SUM("ProfessionalCount"), SUM("VolunteerCount"), SUM("PartnerCount"),
                   SUM(CASE WHEN "IsEvening" THEN "DurationMinutes" ELSE 0 END), SUM(CASE WHEN "IsWeekend" THEN "DurationMinutes" ELSE 0 END)
            FROM "Activities" WHERE "DeletedAt" IS NULL
            GROUP BY "TerritoryId", "Month", "Type"
            """,
            """
            INSERT INTO "CentreMonthStats" ("CentreId", "TerritoryId", "Month", "Activities", "Minutes", "LastDate", "LastVisitDate")
            SELECT ac."CentreId", c."TerritoryId", a."Month", COUNT(*), SUM(a."DurationMinutes"), MAX(a."Date"),
                   MAX(CASE WHEN a."Format" = 'Visit' OR a."Type" = 'CentreSupport' THEN a."Date" END)
            FROM "ActivityCentres" ac
            JOIN "Activities" a ON a."Id" = ac."ActivityId"
            JOIN "SocialCentres" c ON c."Id" = ac."CentreId"
            WHERE a."DeletedAt" IS NULL
            GROUP BY ac."CentreId", c."TerritoryId", a."Month"
            """,
            """
            INSERT INTO "PartnerMonthStats" ("PartnerId", "TerritoryId", "Month", "Activities")
            SELECT ap."PartnerId", a."TerritoryId", a."Month", COUNT(*)
            FROM "ActivityPartners" ap JOIN "Activities" a ON a."Id" = ap."ActivityId"
            WHERE a."DeletedAt" IS NULL
            GROUP BY ap."PartnerId", a."TerritoryId", a."Month"
            """,
            """
            INSERT INTO "WorkstreamMonthStats" ("WorkstreamId", "TerritoryId", "Month", "Activities", "Minutes", "Inhabitants")
            SELECT aw."WorkstreamId", a."TerritoryId", a."Month", COUNT(*), SUM(a."DurationMinutes"), SUM(a."InhabitantCount")
            FROM "ActivityWorkstreams" aw JOIN "Activities" a ON a."Id" = aw."ActivityId"
            WHERE a."DeletedAt" IS NULL
            GROUP BY aw."WorkstreamId", a."TerritoryId", a."Month"
            """,
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivityMonthStats");

            migrationBuilder.DropTable(
                name: "CentreMonthStats");

            migrationBuilder.DropTable(
                name: "PartnerMonthStats");

            migrationBuilder.DropTable(
                name: "WorkstreamMonthStats");

            migrationBuilder.DropIndex(
                name: "IX_Activities_TerritoryId_Month",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "Month",
                table: "Activities");
        }
    }
}
