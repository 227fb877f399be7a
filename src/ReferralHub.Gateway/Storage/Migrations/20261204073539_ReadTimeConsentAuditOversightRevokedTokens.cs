using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Gateway.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ReadTimeConsentAuditOversightRevokedTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                schema: "gateway",
                table: "webhook_deliveries",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DataClasses",
                schema: "gateway",
                table: "disclosures",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PatientId",
                schema: "gateway",
                table: "disclosures",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Purpose",
                schema: "gateway",
                table: "disclosures",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "revoked_access_tokens",
                schema: "gateway",
                columns: table => new
                {
                    TokenId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revoked_access_tokens", x => x.TokenId);
                });

            // Copies stored before the Gateway decided consent at read time get their survivor and purpose from their
            // referral. What data classes they hold was not recorded, so they fail closed: they are served again once a
            // review of the referral stores them anew.
            migrationBuilder.Sql(
                "UPDATE gateway.disclosures AS d SET \"PatientId\" = t.\"PatientId\", \"Purpose\" = 'reintegration-assistance' FROM gateway.tasks AS t WHERE t.\"Id\" = d.\"TaskId\";");

            migrationBuilder.CreateIndex(
                name: "IX_disclosures_PatientId",
                schema: "gateway",
                table: "disclosures",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_revoked_access_tokens_ExpiresAt",
                schema: "gateway",
                table: "revoked_access_tokens",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "revoked_access_tokens",
                schema: "gateway");

            migrationBuilder.DropIndex(
                name: "IX_disclosures_PatientId",
                schema: "gateway",
                table: "disclosures");

            migrationBuilder.DropColumn(
                name: "Address",
                schema: "gateway",
                table: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "DataClasses",
                schema: "gateway",
                table: "disclosures");

            migrationBuilder.DropColumn(
                name: "PatientId",
                schema: "gateway",
                table: "disclosures");

            migrationBuilder.DropColumn(
                name: "Purpose",
                schema: "gateway",
                table: "disclosures");
        }
    }
}
