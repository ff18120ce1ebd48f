using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Edgeplane.Hub.Store.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class RenewOnce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "CertificateDer",
                table: "issued_certificates",
                type: "bytea",
                maxLength: 8192,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RenewedAs",
                table: "issued_certificates",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RenewedAt",
                table: "issued_certificates",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CertificateDer",
                table: "issued_certificates");

            migrationBuilder.DropColumn(
                name: "RenewedAs",
                table: "issued_certificates");

            migrationBuilder.DropColumn(
                name: "RenewedAt",
                table: "issued_certificates");
        }
    }
}
