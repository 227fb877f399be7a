using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Routing.Storage.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "RecipientOrganizationId",
                schema: "routing",
                table: "referrals",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<bool>(
                name: "RoutedThroughDirectory",
                schema: "routing",
                table: "referrals",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "directory_services",
                schema: "routing",
                columns: table => new
                {
                    HealthcareServiceId = table.Column<string>(type: "text", nullable: false),
                    OrganizationId = table.Column<string>(type: "text", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    ServiceCodes = table.Column<string>(type: "text", nullable: false),
                    Country = table.Column<string>(type: "text", nullable: false),
                    Region = table.Column<string>(type: "text", nullable: true),
                    Languages = table.Column<string>(type: "text", nullable: false),
                    Capacity = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_services", x => x.HealthcareServiceId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_directory_services_Country_Active",
                schema: "routing",
                table: "directory_services",
                columns: new[] { "Country", "Active" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "directory_services",
                schema: "routing");

            migrationBuilder.DropColumn(
                name: "RoutedThroughDirectory",
                schema: "routing",
                table: "referrals");

            migrationBuilder.AlterColumn<string>(
                name: "RecipientOrganizationId",
                schema: "routing",
                table: "referrals",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }
    }
}
