using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Edgeplane.Hub.Store.Migrations.Postgres
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
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LifecycleReason",
                table: "clusters",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LifecycleSince",
                table: "clusters",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LifecycleTransitionsJson",
                table: "clusters",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ManagementCluster",
                table: "clusters",
                type: "character varying(253)",
                maxLength: 253,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProvisionedStatusJson",
                table: "clusters",
                type: "text",
                nullable: true);

            // Clusters stored before the column existed: their management cluster is in ProvisioningJson.
            migrationBuilder.Sql("""
                UPDATE "clusters" SET "ManagementCluster" = ("ProvisioningJson"::json ->> 'ManagementCluster') WHERE "ProvisioningJson" IS NOT NULL
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
