using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Edgeplane.Hub.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Rollouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "HeldByRollout",
                table: "clusters",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VersionsJson",
                table: "clusters",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "rollouts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RevisionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Policy = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    PolicyJson = table.Column<string>(type: "TEXT", nullable: false),
                    ChangesJson = table.Column<string>(type: "TEXT", nullable: false),
                    CurrentWave = table.Column<int>(type: "INTEGER", nullable: false),
                    PromoteRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollouts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "rollout_members",
                columns: table => new
                {
                    RolloutId = table.Column<long>(type: "INTEGER", nullable: false),
                    Cluster = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    WaveIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    FromDigest = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ToDigest = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    RollbackDigest = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    RollbackRevision = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FromKubernetesVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ToKubernetesVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Failed = table.Column<bool>(type: "INTEGER", nullable: false),
                    MovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    WindowsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollout_members", x => new { x.RolloutId, x.Cluster });
                    table.ForeignKey(
                        name: "FK_rollout_members_rollouts_RolloutId",
                        column: x => x.RolloutId,
                        principalTable: "rollouts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rollout_waves",
                columns: table => new
                {
                    RolloutId = table.Column<long>(type: "INTEGER", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    MaxUnavailable = table.Column<int>(type: "INTEGER", nullable: false),
                    SoakTime = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SoakUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollout_waves", x => new { x.RolloutId, x.Index });
                    table.ForeignKey(
                        name: "FK_rollout_waves_rollouts_RolloutId",
                        column: x => x.RolloutId,
                        principalTable: "rollouts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_rollout_members_Cluster",
                table: "rollout_members",
                column: "Cluster");

            migrationBuilder.CreateIndex(
                name: "IX_rollouts_Sha",
                table: "rollouts",
                column: "Sha");

            migrationBuilder.CreateIndex(
                name: "IX_rollouts_State",
                table: "rollouts",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rollout_members");

            migrationBuilder.DropTable(
                name: "rollout_waves");

            migrationBuilder.DropTable(
                name: "rollouts");

            migrationBuilder.DropColumn(
                name: "HeldByRollout",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "VersionsJson",
                table: "clusters");
        }
    }
}
