using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Consent.Storage.Migrations
{
    /// <inheritdoc />
    public partial class SealedUnderSurvivorKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "survivor_keys",
                schema: "consent",
                columns: table => new
                {
                    PatientId = table.Column<string>(type: "text", nullable: false),
                    KeyEncryptionKeyId = table.Column<string>(type: "text", nullable: false),
                    WrappedKey = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survivor_keys", x => x.PatientId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "survivor_keys",
                schema: "consent");
        }
    }
}
