using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Consent.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ConsentLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "NextChangeAt",
                schema: "consent",
                table: "consents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_consents_NextChangeAt",
                schema: "consent",
                table: "consents",
                column: "NextChangeAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_consents_NextChangeAt",
                schema: "consent",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "NextChangeAt",
                schema: "consent",
                table: "consents");
        }
    }
}
