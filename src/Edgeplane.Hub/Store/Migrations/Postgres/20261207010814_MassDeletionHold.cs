using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Edgeplane.Hub.Store.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class MassDeletionHold : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WorkspaceApplicationsJson",
                table: "revisions",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "bundle_identities",
                columns: table => new
                {
                    Digest = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Identities = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bundle_identities", x => x.Digest);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bundle_identities");

            migrationBuilder.DropColumn(
                name: "WorkspaceApplicationsJson",
                table: "revisions");
        }
    }
}
