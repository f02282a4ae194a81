using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhysioPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class PatientListCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_ClinicId_LastName_FirstName_Id",
                table: "Patients");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_ClinicId_LastName_FirstName_Id",
                table: "Patients",
                columns: new[] { "ClinicId", "LastName", "FirstName", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "ArchivedAt", "Conditions" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_ClinicId_LastName_FirstName_Id",
                table: "Patients");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_ClinicId_LastName_FirstName_Id",
                table: "Patients",
                columns: new[] { "ClinicId", "LastName", "FirstName", "Id" });
        }
    }
}
