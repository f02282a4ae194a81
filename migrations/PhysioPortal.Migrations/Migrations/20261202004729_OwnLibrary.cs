using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhysioPortal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class OwnLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ArchivedAt",
                table: "RoutineTemplates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "RoutineTemplates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "PhotoKeys",
                table: "PrescribedExercise",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<List<string>>(
                name: "PhotoPrintKeys",
                table: "PrescribedExercise",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "VideoKey",
                table: "PrescribedExercise",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VideoType",
                table: "PrescribedExercise",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ArchivedAt",
                table: "Exercises",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CopiedFromId",
                table: "Exercises",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Regions",
                table: "Exercises",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "Exercises",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ExerciseMedia",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ExerciseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PrintKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExerciseMedia", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExerciseMedia_Exercises_ExerciseId",
                        column: x => x.ExerciseId,
                        principalTable: "Exercises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Favourites",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Favourites", x => new { x.UserId, x.Kind, x.TargetId });
                    table.ForeignKey(
                        name: "FK_Favourites_Clinics_ClinicId",
                        column: x => x.ClinicId,
                        principalTable: "Clinics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoredObjectChunks",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredObjectChunks", x => new { x.Key, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "StoredObjects",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    ChunkSize = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredObjects", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "StoredObjectOwners",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredObjectOwners", x => new { x.Key, x.ClinicId });
                    table.ForeignKey(
                        name: "FK_StoredObjectOwners_Clinics_ClinicId",
                        column: x => x.ClinicId,
                        principalTable: "Clinics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StoredObjectOwners_StoredObjects_Key",
                        column: x => x.Key,
                        principalTable: "StoredObjects",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Exercises_Name_Trgm",
                table: "Exercises",
                column: "Name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_ExerciseMedia_ExerciseId_Kind_Position",
                table: "ExerciseMedia",
                columns: new[] { "ExerciseId", "Kind", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_Favourites_ClinicId",
                table: "Favourites",
                column: "ClinicId");

            migrationBuilder.CreateIndex(
                name: "IX_StoredObjectOwners_ClinicId",
                table: "StoredObjectOwners",
                column: "ClinicId");
            // Photos and videos are already compressed: stored uncompressed out of line, substring() reads only the
            // TOAST pieces a range request needs.
            migrationBuilder.Sql("ALTER TABLE \"StoredObjectChunks\" ALTER COLUMN \"Data\" SET STORAGE EXTERNAL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExerciseMedia");

            migrationBuilder.DropTable(
                name: "Favourites");

            migrationBuilder.DropTable(
                name: "StoredObjectChunks");

            migrationBuilder.DropTable(
                name: "StoredObjectOwners");

            migrationBuilder.DropTable(
                name: "StoredObjects");

            migrationBuilder.DropIndex(
                name: "IX_Exercises_Name_Trgm",
                table: "Exercises");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "RoutineTemplates");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "RoutineTemplates");

            migrationBuilder.DropColumn(
                name: "PhotoKeys",
                table: "PrescribedExercise");

            migrationBuilder.DropColumn(
                name: "PhotoPrintKeys",
                table: "PrescribedExercise");

            migrationBuilder.DropColumn(
                name: "VideoKey",
                table: "PrescribedExercise");

            migrationBuilder.DropColumn(
                name: "VideoType",
                table: "PrescribedExercise");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "Exercises");

            migrationBuilder.DropColumn(
                name: "CopiedFromId",
                table: "Exercises");

            migrationBuilder.DropColumn(
                name: "Regions",
                table: "Exercises");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Exercises");
        }
    }
}
