using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Gateway.Storage.Migrations
{
    /// <summary>
    /// A Task feed poll reads the recent changes of the side the caller is on (requester or owner), by an index per side
    /// that ends with the change time; the index on the time alone served no query.
    /// </summary>
    public partial class TaskFeedIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tasks_LastUpdated",
                schema: "gateway",
                table: "tasks");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_OwnerOrganizationId_LastUpdated",
                schema: "gateway",
                table: "tasks",
                columns: new[] { "OwnerOrganizationId", "LastUpdated" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_RequesterOrganizationId_LastUpdated",
                schema: "gateway",
                table: "tasks",
                columns: new[] { "RequesterOrganizationId", "LastUpdated" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tasks_OwnerOrganizationId_LastUpdated",
                schema: "gateway",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "IX_tasks_RequesterOrganizationId_LastUpdated",
                schema: "gateway",
                table: "tasks");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_LastUpdated",
                schema: "gateway",
                table: "tasks",
                column: "LastUpdated");
        }
    }
}
