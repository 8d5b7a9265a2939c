using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CscDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class MonthClose : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MonthCloses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TerritoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReturnedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReturnedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReturnComment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReopenedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReopenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReopenReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthCloses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthCloses_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TimesheetSignatures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TimesheetId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    SignedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SignedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ContentSha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    OnPaper = table.Column<bool>(type: "INTEGER", nullable: false),
                    EvidenceId = table.Column<int>(type: "INTEGER", nullable: true),
                    InvalidatedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimesheetSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TimesheetSignatures_EvidenceDocuments_EvidenceId",
                        column: x => x.EvidenceId,
                        principalTable: "EvidenceDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TimesheetSignatures_Timesheets_TimesheetId",
                        column: x => x.TimesheetId,
                        principalTable: "Timesheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MonthCloseEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MonthCloseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Details = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthCloseEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthCloseEvents_MonthCloses_MonthCloseId",
                        column: x => x.MonthCloseId,
                        principalTable: "MonthCloses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MonthCloseEvents_MonthCloseId",
                table: "MonthCloseEvents",
                column: "MonthCloseId");

            migrationBuilder.CreateIndex(
                name: "IX_MonthCloses_Month_Status",
                table: "MonthCloses",
                columns: new[] { "Month", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MonthCloses_TerritoryId_Month",
                table: "MonthCloses",
                columns: new[] { "TerritoryId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TimesheetSignatures_EvidenceId",
                table: "TimesheetSignatures",
                column: "EvidenceId");

            migrationBuilder.CreateIndex(
                name: "IX_TimesheetSignatures_TimesheetId_InvalidatedAt",
                table: "TimesheetSignatures",
                columns: new[] { "TimesheetId", "InvalidatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MonthCloseEvents");

            migrationBuilder.DropTable(
                name: "TimesheetSignatures");

            migrationBuilder.DropTable(
                name: "MonthCloses");
        }
    }
}
