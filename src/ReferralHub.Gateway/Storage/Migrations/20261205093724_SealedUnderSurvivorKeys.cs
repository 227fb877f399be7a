using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Gateway.Storage.Migrations
{
    /// <inheritdoc />
    public partial class SealedUnderSurvivorKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PatientId",
                schema: "gateway",
                table: "resource_versions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PatientId",
                schema: "gateway",
                table: "communications",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PatientId",
                schema: "gateway",
                table: "resource_versions");

            migrationBuilder.DropColumn(
                name: "PatientId",
                schema: "gateway",
                table: "communications");
        }
    }
}
