using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhysioPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ServerSessionsThrottleAuditActors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActorRole",
                table: "AuditEvents",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            // The audit log keeps ids and roles, never names or emails. Existing rows get the role of their account
            // (the strongest, if several) and lose the name; the append-only trigger is lifted for this rewrite only.
            migrationBuilder.Sql("""
                ALTER TABLE "AuditEvents" DISABLE TRIGGER "TR_AuditEvents_AppendOnly";
                UPDATE "AuditEvents" a SET "ActorRole" = (
                    SELECT r."Name" FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                    WHERE ur."UserId" = a."UserId"
                    ORDER BY CASE r."Name" WHEN 'Admin' THEN 0 WHEN 'Clinician' THEN 1 ELSE 2 END LIMIT 1)
                WHERE a."UserId" IS NOT NULL;
                UPDATE "AuditEvents" SET "ActorRole" = 'Patient' WHERE "UserId" IS NOT NULL AND "ActorRole" IS NULL AND "PatientId" IS NOT NULL
                    AND "Action" = 'handout.download' AND "UserName" NOT LIKE '%@%';
                UPDATE "AuditEvents" SET "UserName" = '' WHERE "UserName" <> '';
                ALTER TABLE "AuditEvents" ENABLE TRIGGER "TR_AuditEvents_AppendOnly";
                """);

            migrationBuilder.DropColumn(
                name: "UserName",
                table: "AuditEvents");

            // Hard lockout is replaced by growing delays (SignInThrottles): nobody stays locked out from before.
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers" SET "LockoutEnabled" = false, "LockoutEnd" = NULL, "AccessFailedCount" = 0
                WHERE "LockoutEnabled" OR "LockoutEnd" IS NOT NULL OR "AccessFailedCount" <> 0;
                """);


            migrationBuilder.CreateTable(
                name: "SignInThrottles",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    LastFailureAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInThrottles", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Ticket = table.Column<byte[]>(type: "bytea", nullable: false),
                    Device = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UserSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId",
                table: "UserSessions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignInThrottles");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropColumn(
                name: "ActorRole",
                table: "AuditEvents");

            migrationBuilder.AddColumn<string>(
                name: "UserName",
                table: "AuditEvents",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

        }
    }
}
