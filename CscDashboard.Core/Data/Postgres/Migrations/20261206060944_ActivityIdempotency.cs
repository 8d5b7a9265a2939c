using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CscDashboard.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ActivityIdempotency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "IdempotencyKey",
                table: "Activities",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Activities_AuthorId_IdempotencyKey",
                table: "Activities",
                columns: new[] { "AuthorId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_AuthorId_IdempotencyKey",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "Activities");
        }
    }
}
