using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Gateway.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "gateway");

            migrationBuilder.CreateTable(
                name: "audit_chain_head",
                schema: "gateway",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_chain_head", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_records",
                schema: "gateway",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Id = table.Column<string>(type: "text", nullable: true),
                    CustodianOrganizationId = table.Column<string>(type: "text", nullable: false),
                    PatientId = table.Column<string>(type: "text", nullable: false),
                    RecipientOrganizationId = table.Column<string>(type: "text", nullable: false),
                    Recorded = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    PreviousHash = table.Column<string>(type: "text", nullable: false),
                    Hash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_records", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "disclosures",
                schema: "gateway",
                columns: table => new
                {
                    ResourceType = table.Column<string>(type: "text", nullable: false),
                    Id = table.Column<string>(type: "text", nullable: false),
                    RecipientOrganizationId = table.Column<string>(type: "text", nullable: false),
                    SourceId = table.Column<string>(type: "text", nullable: false),
                    ConsentId = table.Column<string>(type: "text", nullable: false),
                    TaskId = table.Column<string>(type: "text", nullable: false),
                    VersionId = table.Column<int>(type: "integer", nullable: false),
                    LastUpdated = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disclosures", x => new { x.ResourceType, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "inbox_records",
                schema: "gateway",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_records", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "gateway",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageType = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AvailableAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DispatchedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recipient_ids",
                schema: "gateway",
                columns: table => new
                {
                    RecipientOrganizationId = table.Column<string>(type: "text", nullable: false),
                    ResourceType = table.Column<string>(type: "text", nullable: false),
                    SourceId = table.Column<string>(type: "text", nullable: false),
                    LocalId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recipient_ids", x => new { x.RecipientOrganizationId, x.ResourceType, x.SourceId });
                });

            migrationBuilder.CreateTable(
                name: "resource_versions",
                schema: "gateway",
                columns: table => new
                {
                    ResourceType = table.Column<string>(type: "text", nullable: false),
                    Id = table.Column<string>(type: "text", nullable: false),
                    VersionId = table.Column<int>(type: "integer", nullable: false),
                    LastUpdated = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_versions", x => new { x.ResourceType, x.Id, x.VersionId });
                });

            migrationBuilder.CreateTable(
                name: "resources",
                schema: "gateway",
                columns: table => new
                {
                    ResourceType = table.Column<string>(type: "text", nullable: false),
                    Id = table.Column<string>(type: "text", nullable: false),
                    VersionId = table.Column<int>(type: "integer", nullable: false),
                    LastUpdated = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OwnerOrganizationId = table.Column<string>(type: "text", nullable: true),
                    PatientId = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "text", nullable: true),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resources", x => new { x.ResourceType, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                schema: "gateway",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    VersionId = table.Column<int>(type: "integer", nullable: false),
                    LastUpdated = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    RequesterOrganizationId = table.Column<string>(type: "text", nullable: false),
                    OwnerOrganizationId = table.Column<string>(type: "text", nullable: false),
                    PatientId = table.Column<string>(type: "text", nullable: false),
                    ServiceRequestId = table.Column<string>(type: "text", nullable: false),
                    ConsentId = table.Column<string>(type: "text", nullable: true),
                    DisclosedToOwner = table.Column<bool>(type: "boolean", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_CustodianOrganizationId_PatientId",
                schema: "gateway",
                table: "audit_records",
                columns: new[] { "CustodianOrganizationId", "PatientId" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_Id",
                schema: "gateway",
                table: "audit_records",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disclosures_ConsentId",
                schema: "gateway",
                table: "disclosures",
                column: "ConsentId");

            migrationBuilder.CreateIndex(
                name: "IX_disclosures_RecipientOrganizationId_ResourceType_LastUpdated",
                schema: "gateway",
                table: "disclosures",
                columns: new[] { "RecipientOrganizationId", "ResourceType", "LastUpdated" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_DispatchedAt_AvailableAt",
                schema: "gateway",
                table: "outbox_messages",
                columns: new[] { "DispatchedAt", "AvailableAt" });

            migrationBuilder.CreateIndex(
                name: "IX_recipient_ids_ResourceType_LocalId",
                schema: "gateway",
                table: "recipient_ids",
                columns: new[] { "ResourceType", "LocalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_OwnerOrganizationId_ResourceType_LastUpdated",
                schema: "gateway",
                table: "resources",
                columns: new[] { "OwnerOrganizationId", "ResourceType", "LastUpdated" });

            migrationBuilder.CreateIndex(
                name: "IX_resources_PatientId_ResourceType",
                schema: "gateway",
                table: "resources",
                columns: new[] { "PatientId", "ResourceType" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_ConsentId",
                schema: "gateway",
                table: "tasks",
                column: "ConsentId");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_OwnerOrganizationId_Status",
                schema: "gateway",
                table: "tasks",
                columns: new[] { "OwnerOrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_RequesterOrganizationId_Status",
                schema: "gateway",
                table: "tasks",
                columns: new[] { "RequesterOrganizationId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_chain_head",
                schema: "gateway");

            migrationBuilder.DropTable(
                name: "audit_records",
                schema: "gateway");

            migrationBuilder.DropTable(
                name: "disclosures",
                schema: "gateway");

            migrationBuilder.DropTable(
                name: "inbox_records",
                schema: "gateway");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "gateway");

            migrationBuilder.DropTable(
                name: "recipient_ids",
                schema: "gateway");

            migrationBuilder.DropTable(
                name: "resource_versions",
                schema: "gateway");

            migrationBuilder.DropTable(
                name: "resources",
                schema: "gateway");

            migrationBuilder.DropTable(
                name: "tasks",
                schema: "gateway");
        }
    }
}
