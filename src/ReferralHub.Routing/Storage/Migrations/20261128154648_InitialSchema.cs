using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Routing.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "routing");

            migrationBuilder.CreateTable(
                name: "inbox_records",
                schema: "routing",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_records", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "routing",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageType = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AvailableAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DispatchedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "referrals",
                schema: "routing",
                columns: table => new
                {
                    TaskId = table.Column<string>(type: "text", nullable: false),
                    RequesterOrganizationId = table.Column<string>(type: "text", nullable: false),
                    RecipientOrganizationId = table.Column<string>(type: "text", nullable: false),
                    PatientId = table.Column<string>(type: "text", nullable: false),
                    ConsentIds = table.Column<string>(type: "text", nullable: false),
                    GoverningConsentId = table.Column<string>(type: "text", nullable: true),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TaskStatus = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_referrals", x => x.TaskId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_DispatchedAt_AvailableAt",
                schema: "routing",
                table: "outbox_messages",
                columns: new[] { "DispatchedAt", "AvailableAt" });

            migrationBuilder.CreateIndex(
                name: "IX_referrals_GoverningConsentId",
                schema: "routing",
                table: "referrals",
                column: "GoverningConsentId");

            migrationBuilder.CreateIndex(
                name: "IX_referrals_PatientId",
                schema: "routing",
                table: "referrals",
                column: "PatientId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_records",
                schema: "routing");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "routing");

            migrationBuilder.DropTable(
                name: "referrals",
                schema: "routing");
        }
    }
}
