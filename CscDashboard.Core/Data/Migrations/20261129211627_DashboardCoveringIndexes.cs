using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CscDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkstreamMonthStats_Month_TerritoryId",
                table: "WorkstreamMonthStats");

            migrationBuilder.DropIndex(
                name: "IX_PartnerMonthStats_Month_TerritoryId",
                table: "PartnerMonthStats");

            migrationBuilder.DropIndex(
                name: "IX_CentreMonthStats_Month_TerritoryId",
                table: "CentreMonthStats");

            migrationBuilder.DropIndex(
                name: "IX_CentreMonthStats_TerritoryId_Month",
                table: "CentreMonthStats");

            migrationBuilder.DropIndex(
                name: "IX_ActivityMonthStats_Month_TerritoryId",
                table: "ActivityMonthStats");

            migrationBuilder.CreateIndex(
                name: "IX_WorkstreamMonthStats_Month_Covering",
                table: "WorkstreamMonthStats",
                columns: new[] { "Month", "TerritoryId", "WorkstreamId", "Activities", "Minutes", "Inhabitants" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerMonthStats_Month_Covering",
                table: "PartnerMonthStats",
                columns: new[] { "Month", "TerritoryId", "PartnerId", "Activities" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerMonthStats_Territory_Covering",
                table: "PartnerMonthStats",
                columns: new[] { "TerritoryId", "Month", "PartnerId", "Activities" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_Territory_Activity",
                table: "Members",
                columns: new[] { "TerritoryId", "ActiveFrom", "ActiveTo", "ArchivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CentreMonthStats_Month_Covering",
                table: "CentreMonthStats",
                columns: new[] { "Month", "TerritoryId", "CentreId" });

            migrationBuilder.CreateIndex(
                name: "IX_CentreMonthStats_Territory_Covering",
                table: "CentreMonthStats",
                columns: new[] { "TerritoryId", "Month", "CentreId", "Activities", "Minutes" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityMonthStats_Month_Covering",
                table: "ActivityMonthStats",
                columns: new[] { "Month", "TerritoryId", "Type", "Activities", "Minutes", "Inhabitants", "Professionals", "Volunteers", "EveningMinutes", "WeekendMinutes" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkstreamMonthStats_Month_Covering",
                table: "WorkstreamMonthStats");

            migrationBuilder.DropIndex(
                name: "IX_PartnerMonthStats_Month_Covering",
                table: "PartnerMonthStats");

            migrationBuilder.DropIndex(
                name: "IX_PartnerMonthStats_Territory_Covering",
                table: "PartnerMonthStats");

            migrationBuilder.DropIndex(
                name: "IX_Members_Territory_Activity",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_CentreMonthStats_Month_Covering",
                table: "CentreMonthStats");

            migrationBuilder.DropIndex(
                name: "IX_CentreMonthStats_Territory_Covering",
                table: "CentreMonthStats");

            migrationBuilder.DropIndex(
                name: "IX_ActivityMonthStats_Month_Covering",
                table: "ActivityMonthStats");

            migrationBuilder.CreateIndex(
                name: "IX_WorkstreamMonthStats_Month_TerritoryId",
                table: "WorkstreamMonthStats",
                columns: new[] { "Month", "TerritoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerMonthStats_Month_TerritoryId",
                table: "PartnerMonthStats",
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
                name: "IX_ActivityMonthStats_Month_TerritoryId",
                table: "ActivityMonthStats",
                columns: new[] { "Month", "TerritoryId" });
        }
    }
}
