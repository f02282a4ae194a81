using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhysioPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class TimeZoneCanonicalNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Stored aliases ("US/Eastern", "Europe/Kiev", "GB", ...) become the tz database's canonical names, the
            // only ones the time zone list offers (the list of aliases is NodaTime's, so the mapping is the app's own).
            migrationBuilder.Sql(PhysioPortal.Core.TimeZones.CanonicalUpdateSql());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Canonical names are valid everywhere the aliases were: nothing to undo.
        }
    }
}
