using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Edgeplane.Hub.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class RevisionChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BaseSha",
                table: "revisions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ChangesRecorded",
                table: "revisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "revision_changes",
                columns: table => new
                {
                    RevisionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Cluster = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    FromDigest = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    ToDigest = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revision_changes", x => new { x.RevisionId, x.Cluster });
                    table.ForeignKey(
                        name: "FK_revision_changes_revisions_RevisionId",
                        column: x => x.RevisionId,
                        principalTable: "revisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "revision_changes");

            migrationBuilder.DropColumn(
                name: "BaseSha",
                table: "revisions");

            migrationBuilder.DropColumn(
                name: "ChangesRecorded",
                table: "revisions");
        }
    }
}
