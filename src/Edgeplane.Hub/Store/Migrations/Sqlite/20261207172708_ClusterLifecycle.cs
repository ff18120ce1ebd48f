using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Edgeplane.Hub.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class ClusterLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LifecyclePhase",
                table: "clusters",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LifecycleReason",
                table: "clusters",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LifecycleSince",
                table: "clusters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LifecycleTransitionsJson",
                table: "clusters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ManagementCluster",
                table: "clusters",
                type: "TEXT",
                maxLength: 253,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProvisionedStatusJson",
                table: "clusters",
                type: "TEXT",
                nullable: true);

            // Clusters stored before the column existed: their management cluster is in ProvisioningJson.
            migrationBuilder.Sql("""
                UPDATE "clusters" SET "ManagementCluster" = json_extract("ProvisioningJson", '$.ManagementCluster') WHERE "ProvisioningJson" IS NOT NULL
                """);

            migrationBuilder.CreateIndex(
                name: "IX_clusters_ManagementCluster",
                table: "clusters",
                column: "ManagementCluster");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_clusters_ManagementCluster",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "LifecyclePhase",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "LifecycleReason",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "LifecycleSince",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "LifecycleTransitionsJson",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "ManagementCluster",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "ProvisionedStatusJson",
                table: "clusters");
        }
    }
}
