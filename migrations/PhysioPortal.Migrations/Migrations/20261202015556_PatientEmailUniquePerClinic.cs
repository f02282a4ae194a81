using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhysioPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class PatientEmailUniquePerClinic : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EmailKey",
                table: "Patients",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true,
                computedColumnSql: "lower(\"Email\")",
                stored: true);

            // Existing duplicates: the address stays with one record per clinic (the one with a portal account, else a
            // current one, else the oldest); the others lose it, stop getting emails, and say why in their notes, with
            // the id of the record that kept it, so the clinic can merge or correct them.
            migrationBuilder.Sql("""
                CREATE TEMP TABLE patient_email_duplicates ON COMMIT DROP AS
                SELECT "Id", "Email", "KeeperId" FROM (
                    SELECT p."Id", p."Email",
                           first_value(p."Id") OVER w AS "KeeperId",
                           row_number() OVER w AS rank
                    FROM "Patients" AS p
                    LEFT JOIN (SELECT DISTINCT "PatientId" FROM "AspNetUsers" WHERE "PatientId" IS NOT NULL) AS u ON u."PatientId" = p."Id"
                    WHERE p."EmailKey" IS NOT NULL
                    WINDOW w AS (PARTITION BY p."ClinicId", p."EmailKey"
                                 ORDER BY (u."PatientId" IS NOT NULL) DESC, (p."ArchivedAt" IS NULL) DESC, p."CreatedAt", p."Id")
                ) AS ranked
                WHERE rank > 1;

                UPDATE "ScheduledEmails" AS e SET "State" = 'Cancelled', "LastError" = 'The address moved to another patient record (duplicate address).'
                FROM patient_email_duplicates AS d WHERE e."PatientId" = d."Id" AND e."State" = 'Pending';

                UPDATE "Patients" AS p
                SET "Email" = NULL, "EmailConsent" = false,
                    "Notes" = left('Email ' || d."Email" || ' removed: patient record ' || d."KeeperId" ||
                                   ' of this clinic has the same address. Check whether they are the same person.' ||
                                   coalesce(E'\n\n' || p."Notes", ''), 4000)
                FROM patient_email_duplicates AS d WHERE p."Id" = d."Id";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Patients_ClinicId_EmailKey",
                table: "Patients",
                columns: new[] { "ClinicId", "EmailKey" },
                unique: true,
                filter: "\"EmailKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_ClinicId_EmailKey",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "EmailKey",
                table: "Patients");
        }
    }
}
