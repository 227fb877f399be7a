using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Routing.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ConsentLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recalls",
                schema: "routing",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    ConsentId = table.Column<string>(type: "text", nullable: false),
                    CustodianOrganizationId = table.Column<string>(type: "text", nullable: false),
                    RecipientOrganizationId = table.Column<string>(type: "text", nullable: false),
                    PatientId = table.Column<string>(type: "text", nullable: false),
                    TaskIds = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recalls", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_recalls_ConsentId_RecipientOrganizationId",
                schema: "routing",
                table: "recalls",
                columns: new[] { "ConsentId", "RecipientOrganizationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recalls_NextAttemptAt",
                schema: "routing",
                table: "recalls",
                column: "NextAttemptAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recalls",
                schema: "routing");
        }
    }
}
