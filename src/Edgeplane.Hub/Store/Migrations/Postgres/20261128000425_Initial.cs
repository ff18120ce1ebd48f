using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Edgeplane.Hub.Store.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Revoked = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_tokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Target = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Details = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bundles",
                columns: table => new
                {
                    Digest = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    ContentDigest = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Encoding = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    ObjectCount = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bundles", x => x.Digest);
                });

            migrationBuilder.CreateTable(
                name: "clusters",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Layer = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Region = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    Site = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    Provider = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    KubernetesVersion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    CapabilitiesJson = table.Column<string>(type: "text", nullable: false),
                    Removed = table.Column<bool>(type: "boolean", nullable: false),
                    DesiredDigest = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    DesiredContentDigest = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    DesiredRevision = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DesiredObjectCount = table.Column<int>(type: "integer", nullable: false),
                    TargetDigest = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    TargetRevision = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TargetChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AppliedDigest = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    LastSeen = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ObservedKubernetesVersion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Health = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Drifted = table.Column<bool>(type: "boolean", nullable: false),
                    ConditionsJson = table.Column<string>(type: "text", nullable: false),
                    StatusSequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clusters", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "revisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sha = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Author = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Message = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    CommittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FetchedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true),
                    RewroteFrom = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClusterCount = table.Column<int>(type: "integer", nullable: true),
                    ChangedClusterCount = table.Column<int>(type: "integer", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "source_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Head = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LastFetchAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastFetchError = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_state", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cluster_labels",
                columns: table => new
                {
                    ClusterName = table.Column<string>(type: "character varying(253)", nullable: false),
                    Key = table.Column<string>(type: "character varying(317)", maxLength: 317, nullable: false),
                    Value = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cluster_labels", x => new { x.ClusterName, x.Key });
                    table.ForeignKey(
                        name: "FK_cluster_labels_clusters_ClusterName",
                        column: x => x.ClusterName,
                        principalTable: "clusters",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "revision_errors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RevisionId = table.Column<long>(type: "bigint", nullable: false),
                    File = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false),
                    Column = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Message = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revision_errors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_revision_errors_revisions_RevisionId",
                        column: x => x.RevisionId,
                        principalTable: "revisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_Hash",
                table: "api_tokens",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_Time",
                table: "audit_log",
                column: "Time");

            migrationBuilder.CreateIndex(
                name: "IX_bundles_ContentDigest",
                table: "bundles",
                column: "ContentDigest");

            migrationBuilder.CreateIndex(
                name: "IX_cluster_labels_Key_Value",
                table: "cluster_labels",
                columns: new[] { "Key", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_clusters_Layer_Name",
                table: "clusters",
                columns: new[] { "Layer", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_clusters_Region",
                table: "clusters",
                column: "Region");

            migrationBuilder.CreateIndex(
                name: "IX_clusters_Site",
                table: "clusters",
                column: "Site");

            migrationBuilder.CreateIndex(
                name: "IX_revision_errors_RevisionId",
                table: "revision_errors",
                column: "RevisionId");

            migrationBuilder.CreateIndex(
                name: "IX_revisions_Sha",
                table: "revisions",
                column: "Sha",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_revisions_State",
                table: "revisions",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "bundles");

            migrationBuilder.DropTable(
                name: "cluster_labels");

            migrationBuilder.DropTable(
                name: "revision_errors");

            migrationBuilder.DropTable(
                name: "source_state");

            migrationBuilder.DropTable(
                name: "clusters");

            migrationBuilder.DropTable(
                name: "revisions");
        }
    }
}
