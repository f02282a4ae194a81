using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PhysioPortal.Core.Data;

#nullable disable

namespace PhysioPortal.Migrations.Migrations
{
    /// <summary>
    /// A search word of one or two letters has no trigram, so the trigram index cannot serve it and PostgreSQL read
    /// the whole clinic (418 ms at 100 000 patients for "sm"). The patient list matches such a word at the start of the
    /// first name, the last name or the email (PatientList), which these btree indexes serve as a range
    /// (lower(name) LIKE 'sm%': 16 ms). Expression indexes, which EF's model does not describe: raw SQL only.
    /// </summary>
    [DbContext(typeof(PortalDbContext))]
    [Migration("20261202120500_PatientNamePrefixIndexes")]
    public partial class PatientNamePrefixIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Patients_ClinicId_LastNamePrefix" ON "Patients" ("ClinicId", lower("LastName") text_pattern_ops);
                CREATE INDEX "IX_Patients_ClinicId_FirstNamePrefix" ON "Patients" ("ClinicId", lower("FirstName") text_pattern_ops);
                CREATE INDEX "IX_Patients_ClinicId_EmailPrefix" ON "Patients" ("ClinicId", "EmailKey" text_pattern_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Patients_ClinicId_LastNamePrefix";
                DROP INDEX "IX_Patients_ClinicId_FirstNamePrefix";
                DROP INDEX "IX_Patients_ClinicId_EmailPrefix";
                """);
        }
    }
}
