using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Edgeplane.Hub.Store.Migrations.Postgres
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
                type: "character varying(160)",
                maxLength: 160,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "audit_log",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Workspace",
                table: "audit_log",
                type: "character varying(63)",
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
                CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_log is append-only: entries cannot be changed'; END $$;
                CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_log_append_only ON audit_log; DROP FUNCTION audit_log_append_only();");

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
