using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Gateway.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ReadTimeConsentAndChannelOversight : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
