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
            foreach (var statement in CscDashboard.Core.Dashboards.ActivityStatsUpdater.RebuildStatements)
            {
                migrationBuilder.Sql(statement);
            }
        }

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
