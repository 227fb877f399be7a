using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Gateway.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "webhook_channels",
                schema: "gateway",
                columns: table => new
                {
                    OrganizationId = table.Column<string>(type: "text", nullable: false),
                    EndpointId = table.Column<string>(type: "text", nullable: false),
                    Address = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    VersionId = table.Column<int>(type: "integer", nullable: false),
                    LastUpdated = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_channels", x => x.OrganizationId);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                schema: "gateway",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<string>(type: "text", nullable: false),
                    OrganizationId = table.Column<string>(type: "text", nullable: false),
                    Event = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RetryFrom = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Lease = table.Column<Guid>(type: "uuid", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastStatus = table.Column<int>(type: "integer", nullable: true),
                    LastError = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LastAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeadLetteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_deliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_secrets",
                schema: "gateway",
                columns: table => new
                {
                    OrganizationId = table.Column<string>(type: "text", nullable: false),
                    Current = table.Column<string>(type: "text", nullable: false),
                    Previous = table.Column<string>(type: "text", nullable: true),
                    PreviousValidUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RotatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_secrets", x => x.OrganizationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_channels_EndpointId",
                schema: "gateway",
                table: "webhook_channels",
                column: "EndpointId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_DeadLetteredAt_OrganizationId",
                schema: "gateway",
                table: "webhook_deliveries",
                columns: new[] { "DeadLetteredAt", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_DeliveredAt_DeadLetteredAt_DueAt",
                schema: "gateway",
                table: "webhook_deliveries",
                columns: new[] { "DeliveredAt", "DeadLetteredAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_MessageId",
                schema: "gateway",
                table: "webhook_deliveries",
                column: "MessageId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "webhook_channels",
                schema: "gateway");

            migrationBuilder.DropTable(
                name: "webhook_deliveries",
                schema: "gateway");

            migrationBuilder.DropTable(
                name: "webhook_secrets",
                schema: "gateway");
        }
    }
}
