using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CscDashboard.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RenameReportPeriodCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "PeriodLabel",
                table: "ReportSnapshots",
                newName: "PeriodCode");

            migrationBuilder.RenameIndex(
                name: "IX_ReportSnapshots_Kind_PeriodLabel_Scope_ReportVersion",
                table: "ReportSnapshots",
                newName: "IX_ReportSnapshots_Kind_PeriodCode_Scope_ReportVersion");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "PeriodCode",
                table: "ReportSnapshots",
                newName: "PeriodLabel");

            migrationBuilder.RenameIndex(
                name: "IX_ReportSnapshots_Kind_PeriodCode_Scope_ReportVersion",
                table: "ReportSnapshots",
                newName: "IX_ReportSnapshots_Kind_PeriodLabel_Scope_ReportVersion");
        }
    }
}
