using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Edgeplane.Hub.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class AgentGateway : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AgentSession",
                table: "clusters",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AgentVersion",
                table: "clusters",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Availability",
                table: "clusters",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AvailabilityReason",
                table: "clusters",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AvailabilitySince",
                table: "clusters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DriftCount",
                table: "clusters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ObjectCount",
                table: "clusters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ObjectsFailed",
                table: "clusters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ObjectsInProgress",
                table: "clusters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "StatusDetailsJson",
                table: "clusters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TargetGeneration",
                table: "clusters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "bootstrap_tokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SecretHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    Cluster = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bootstrap_tokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cluster_identities",
                columns: table => new
                {
                    Cluster = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    EnrolledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cluster_identities", x => x.Cluster);
                });

            migrationBuilder.CreateTable(
                name: "issued_certificates",
                columns: table => new
                {
                    Serial = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Cluster = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    NotBefore = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NotAfter = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issued_certificates", x => x.Serial);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bootstrap_tokens_Cluster",
                table: "bootstrap_tokens",
                column: "Cluster");

            migrationBuilder.CreateIndex(
                name: "IX_issued_certificates_Cluster",
                table: "issued_certificates",
                column: "Cluster");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bootstrap_tokens");

            migrationBuilder.DropTable(
                name: "cluster_identities");

            migrationBuilder.DropTable(
                name: "issued_certificates");

            migrationBuilder.DropColumn(
                name: "AgentSession",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "AgentVersion",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "Availability",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "AvailabilityReason",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "AvailabilitySince",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "DriftCount",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "ObjectCount",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "ObjectsFailed",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "ObjectsInProgress",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "StatusDetailsJson",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "TargetGeneration",
                table: "clusters");
        }
    }
}
