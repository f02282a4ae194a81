using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhysioPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class PrescriptionClinician : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClinicianName",
                table: "Prescriptions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ClinicianUserId",
                table: "Prescriptions",
                type: "character varying(450)",
                maxLength: 450,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_ClinicianUserId_Status_UpdatedAt",
                table: "Prescriptions",
                columns: new[] { "ClinicianUserId", "Status", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PatientId_Active",
                table: "Prescriptions",
                column: "PatientId",
                unique: true,
                filter: "\"Status\" = 'Active'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_ClinicianUserId_Status_UpdatedAt",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PatientId_Active",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "ClinicianName",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "ClinicianUserId",
                table: "Prescriptions");
        }
    }
}
