using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Gateway.Storage.Migrations
{
    /// <inheritdoc />
    public partial class TaskSurvivorIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_tasks_PatientId",
                schema: "gateway",
                table: "tasks",
                column: "PatientId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tasks_PatientId",
                schema: "gateway",
                table: "tasks");
        }
    }
}
