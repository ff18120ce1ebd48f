using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Edgeplane.Hub.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class WorkspaceTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "api_tokens",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "api_tokens",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiresAt",
                table: "api_tokens",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RevokedAt",
                table: "api_tokens",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "api_tokens",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Workspace",
                table: "api_tokens",
                type: "TEXT",
                maxLength: 253,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "workspace_clusters",
                columns: table => new
                {
                    Workspace = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Cluster = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workspace_clusters", x => new { x.Workspace, x.Cluster });
                });

            migrationBuilder.CreateTable(
                name: "workspaces",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Revision = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MembersJson = table.Column<string>(type: "TEXT", nullable: false),
                    NamespacesJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workspaces", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_Workspace",
                table: "api_tokens",
                column: "Workspace");

            migrationBuilder.CreateIndex(
                name: "IX_workspace_clusters_Cluster",
                table: "workspace_clusters",
                column: "Cluster");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "workspace_clusters");

            migrationBuilder.DropTable(
                name: "workspaces");

            migrationBuilder.DropIndex(
                name: "IX_api_tokens_Workspace",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "Workspace",
                table: "api_tokens");
        }
    }
}
