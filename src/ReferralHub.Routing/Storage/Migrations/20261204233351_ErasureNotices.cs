using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Routing.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ErasureNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_recalls_ConsentId_RecipientOrganizationId",
                schema: "routing",
                table: "recalls");

            migrationBuilder.CreateTable(
                name: "erased_survivors",
                schema: "routing",
                columns: table => new
                {
                    PatientId = table.Column<string>(type: "text", nullable: false),
                    ErasedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_erased_survivors", x => x.PatientId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_recalls_ConsentId_RecipientOrganizationId_Reason",
                schema: "routing",
                table: "recalls",
                columns: new[] { "ConsentId", "RecipientOrganizationId", "Reason" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "erased_survivors",
                schema: "routing");

            migrationBuilder.DropIndex(
                name: "IX_recalls_ConsentId_RecipientOrganizationId_Reason",
                schema: "routing",
                table: "recalls");

            migrationBuilder.CreateIndex(
                name: "IX_recalls_ConsentId_RecipientOrganizationId",
                schema: "routing",
                table: "recalls",
                columns: new[] { "ConsentId", "RecipientOrganizationId" },
                unique: true);
        }
    }
}
