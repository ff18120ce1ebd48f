using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Edgeplane.Hub.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class AuditWho : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Credential",
                table: "audit_log",
                type: "TEXT",
                maxLength: 160,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "audit_log",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Workspace",
                table: "audit_log",
                type: "TEXT",
                maxLength: 63,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_Actor",
                table: "audit_log",
                column: "Actor");

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_Workspace",
                table: "audit_log",
                column: "Workspace");

            // Append-only: no statement may change an entry once written (the pruner deletes past the retention).
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_log_append_only;");

            migrationBuilder.DropIndex(
                name: "IX_audit_log_Actor",
                table: "audit_log");

            migrationBuilder.DropIndex(
                name: "IX_audit_log_Workspace",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "Credential",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "Workspace",
                table: "audit_log");
        }
    }
}
