using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhysioPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CrashSafeDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DataStartedAt",
                table: "ScheduledEmails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UnknownOutcomes",
                table: "ScheduledEmails",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DataStartedAt",
                table: "ScheduledEmails");

            migrationBuilder.DropColumn(
                name: "UnknownOutcomes",
                table: "ScheduledEmails");
        }
    }
}
