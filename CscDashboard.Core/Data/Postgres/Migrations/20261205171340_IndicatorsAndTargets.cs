using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CscDashboard.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorsAndTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActivityMonthStats_Month_Covering",
                table: "ActivityMonthStats");

            migrationBuilder.AddColumn<int>(
                name: "AgesDescribed",
                table: "ActivityMonthStats",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PublicsDescribed",
                table: "ActivityMonthStats",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AgesDescribed",
                table: "Activities",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PublicsDescribed",
                table: "Activities",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AudienceGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AudienceGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AudienceMonthStats",
                columns: table => new
                {
                    AudienceGroupId = table.Column<int>(type: "integer", nullable: false),
                    TerritoryId = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Activities = table.Column<int>(type: "integer", nullable: false),
                    Inhabitants = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AudienceMonthStats", x => new { x.AudienceGroupId, x.TerritoryId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "ActivityAudiences",
                columns: table => new
                {
                    ActivityId = table.Column<int>(type: "integer", nullable: false),
                    AudienceGroupId = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityAudiences", x => new { x.ActivityId, x.AudienceGroupId });
                    table.ForeignKey(
                        name: "FK_ActivityAudiences_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActivityAudiences_AudienceGroups_AudienceGroupId",
                        column: x => x.AudienceGroupId,
                        principalTable: "AudienceGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Indicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OperationId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IsEu = table.Column<bool>(type: "boolean", nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ActivityType = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    AudienceGroupId = table.Column<int>(type: "integer", nullable: true),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Indicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Indicators_AudienceGroups_AudienceGroupId",
                        column: x => x.AudienceGroupId,
                        principalTable: "AudienceGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Indicators_Operations_OperationId",
                        column: x => x.OperationId,
                        principalTable: "Operations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorDeclarations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    TerritoryId = table.Column<int>(type: "integer", nullable: true),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    EvidenceDocumentId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorDeclarations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IndicatorDeclarations_EvidenceDocuments_EvidenceDocumentId",
                        column: x => x.EvidenceDocumentId,
                        principalTable: "EvidenceDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_IndicatorDeclarations_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IndicatorDeclarations_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    TerritoryId = table.Column<int>(type: "integer", nullable: true),
                    Value = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IndicatorTargets_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IndicatorTargets_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TargetMilestones",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TargetId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TargetMilestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TargetMilestones_IndicatorTargets_TargetId",
                        column: x => x.TargetId,
                        principalTable: "IndicatorTargets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityMonthStats_Month_Covering",
                table: "ActivityMonthStats",
                columns: new[] { "Month", "TerritoryId", "Type", "Activities", "Minutes", "Inhabitants", "Professionals", "Volunteers", "EveningMinutes", "WeekendMinutes", "AgesDescribed", "PublicsDescribed" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityAudiences_AudienceGroupId",
                table: "ActivityAudiences",
                column: "AudienceGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_AudienceGroups_Code",
                table: "AudienceGroups",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AudienceMonthStats_Group_Covering",
                table: "AudienceMonthStats",
                columns: new[] { "AudienceGroupId", "Month", "TerritoryId", "Activities", "Inhabitants" });

            migrationBuilder.CreateIndex(
                name: "IX_AudienceMonthStats_Territory_Covering",
                table: "AudienceMonthStats",
                columns: new[] { "TerritoryId", "Month", "AudienceGroupId", "Activities", "Inhabitants" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorDeclarations_EvidenceDocumentId",
                table: "IndicatorDeclarations",
                column: "EvidenceDocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorDeclarations_IndicatorId_TerritoryId_To",
                table: "IndicatorDeclarations",
                columns: new[] { "IndicatorId", "TerritoryId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorDeclarations_TerritoryId",
                table: "IndicatorDeclarations",
                column: "TerritoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_AudienceGroupId",
                table: "Indicators",
                column: "AudienceGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_OperationId_Code",
                table: "Indicators",
                columns: new[] { "OperationId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorTargets_IndicatorId_TerritoryId",
                table: "IndicatorTargets",
                columns: new[] { "IndicatorId", "TerritoryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorTargets_OperationOwn",
                table: "IndicatorTargets",
                column: "IndicatorId",
                unique: true,
                filter: "\"TerritoryId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorTargets_TerritoryId",
                table: "IndicatorTargets",
                column: "TerritoryId");

            migrationBuilder.CreateIndex(
                name: "IX_TargetMilestones_TargetId_Date",
                table: "TargetMilestones",
                columns: new[] { "TargetId", "Date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivityAudiences");

            migrationBuilder.DropTable(
                name: "AudienceMonthStats");

            migrationBuilder.DropTable(
                name: "IndicatorDeclarations");

            migrationBuilder.DropTable(
                name: "TargetMilestones");

            migrationBuilder.DropTable(
                name: "IndicatorTargets");

            migrationBuilder.DropTable(
                name: "Indicators");

            migrationBuilder.DropTable(
                name: "AudienceGroups");

            migrationBuilder.DropIndex(
                name: "IX_ActivityMonthStats_Month_Covering",
                table: "ActivityMonthStats");

            migrationBuilder.DropColumn(
                name: "AgesDescribed",
                table: "ActivityMonthStats");

            migrationBuilder.DropColumn(
                name: "PublicsDescribed",
                table: "ActivityMonthStats");

            migrationBuilder.DropColumn(
                name: "AgesDescribed",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "PublicsDescribed",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityMonthStats_Month_Covering",
                table: "ActivityMonthStats",
                columns: new[] { "Month", "TerritoryId", "Type", "Activities", "Minutes", "Inhabitants", "Professionals", "Volunteers", "EveningMinutes", "WeekendMinutes" });
        }
    }
}
