using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Gateway.Storage.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpsAndCommunications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "communications",
                schema: "gateway",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    LastUpdated = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReferralTaskId = table.Column<string>(type: "text", nullable: false),
                    SenderOrganizationId = table.Column<string>(type: "text", nullable: false),
                    RecipientOrganizationId = table.Column<string>(type: "text", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_communications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "follow_up_notices",
                schema: "gateway",
                columns: table => new
                {
                    FollowUpId = table.Column<string>(type: "text", nullable: false),
                    DueOn = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    MessageId = table.Column<string>(type: "text", nullable: false),
                    PostedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_follow_up_notices", x => new { x.FollowUpId, x.DueOn });
                });

            migrationBuilder.CreateTable(
                name: "follow_ups",
                schema: "gateway",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    VersionId = table.Column<int>(type: "integer", nullable: false),
                    LastUpdated = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ReferralTaskId = table.Column<string>(type: "text", nullable: false),
                    RequesterOrganizationId = table.Column<string>(type: "text", nullable: false),
                    OwnerOrganizationId = table.Column<string>(type: "text", nullable: false),
                    DueOn = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OverdueFrom = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_follow_ups", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_disclosures_TaskId_RecipientOrganizationId",
                schema: "gateway",
                table: "disclosures",
                columns: new[] { "TaskId", "RecipientOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_communications_ReferralTaskId_LastUpdated",
                schema: "gateway",
                table: "communications",
                columns: new[] { "ReferralTaskId", "LastUpdated" });

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_ReferralTaskId",
                schema: "gateway",
                table: "follow_ups",
                column: "ReferralTaskId");

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_Status_DueOn",
                schema: "gateway",
                table: "follow_ups",
                columns: new[] { "Status", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "communications",
                schema: "gateway");

            migrationBuilder.DropTable(
                name: "follow_up_notices",
                schema: "gateway");

            migrationBuilder.DropTable(
                name: "follow_ups",
                schema: "gateway");

            migrationBuilder.DropIndex(
                name: "IX_disclosures_TaskId_RecipientOrganizationId",
                schema: "gateway",
                table: "disclosures");
        }
    }
}
