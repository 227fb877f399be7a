using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Gateway.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ConsentLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outbound_messages",
                schema: "gateway",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    RecipientOrganizationId = table.Column<string>(type: "text", nullable: false),
                    Event = table.Column<string>(type: "text", nullable: false),
                    CustodianOrganizationId = table.Column<string>(type: "text", nullable: false),
                    PatientId = table.Column<string>(type: "text", nullable: false),
                    ConsentId = table.Column<string>(type: "text", nullable: false),
                    TaskId = table.Column<string>(type: "text", nullable: true),
                    VersionId = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastUpdated = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResponseCode = table.Column<string>(type: "text", nullable: true),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbound_messages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_outbound_messages_RecipientOrganizationId_LastUpdated",
                schema: "gateway",
                table: "outbound_messages",
                columns: new[] { "RecipientOrganizationId", "LastUpdated" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbound_messages",
                schema: "gateway");
        }
    }
}
