using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralHub.Gateway.Storage.Migrations
{
    /// <summary>
    /// Audit records join the chain when their transaction commits, in PostgreSQL (docs/audit.md, "The chain"): a
    /// deferred trigger gives the transaction's unlinked records their sequence numbers and hashes — the encoding of
    /// <c>AuditRecordHash</c>, which the verifier recomputes — so the chain head is locked for the commit alone, not
    /// across the client's round trips to it.
    /// </summary>
    public partial class AuditLinkedAtCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION gateway.audit_field(value text) RETURNS bytea
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') $$;

                CREATE FUNCTION gateway.audit_record_hash(record gateway.audit_records) RETURNS text
                LANGUAGE sql STABLE STRICT
                AS $$ SELECT encode(sha256(
                       gateway.audit_field('referralhub-audit-record/2')
                    || gateway.audit_field(record."Sequence"::text)
                    || gateway.audit_field(record."Id")
                    || gateway.audit_field(record."CustodianOrganizationId")
                    || gateway.audit_field(record."PatientId")
                    || gateway.audit_field(record."RecipientOrganizationId")
                    || gateway.audit_field(to_char(record."Recorded" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                    || gateway.audit_field(record."Json")
                    || gateway.audit_field(record."PreviousHash")), 'hex') $$;

                CREATE FUNCTION gateway.link_audit_records() RETURNS trigger
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    head gateway.audit_chain_head;
                    unlinked gateway.audit_records;
                    placeholder bigint;
                BEGIN
                    -- The transaction's first firing links all its records, this one included.
                    IF NOT EXISTS (SELECT 1 FROM gateway.audit_records WHERE "Sequence" = NEW."Sequence") THEN
                        RETURN NULL;
                    END IF;

                    -- Locked until the commit, which follows at once; the first record of a new database creates it.
                    INSERT INTO gateway.audit_chain_head ("Id", "LastSequence", "LastHash")
                    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
                    ON CONFLICT ("Id") DO UPDATE SET "LastSequence" = gateway.audit_chain_head."LastSequence"
                    RETURNING * INTO head;

                    -- Unlinked records are this transaction's own: every committed one was linked at its commit.
                    -- Placeholders count down in the order the records were appended.
                    FOR unlinked IN SELECT * FROM gateway.audit_records WHERE "Sequence" < 0 ORDER BY "Sequence" DESC LOOP
                        placeholder := unlinked."Sequence";
                        unlinked."Sequence" := head."LastSequence" + 1;
                        unlinked."PreviousHash" := head."LastHash";
                        unlinked."Hash" := gateway.audit_record_hash(unlinked);
                        UPDATE gateway.audit_records
                        SET "Sequence" = unlinked."Sequence", "PreviousHash" = unlinked."PreviousHash", "Hash" = unlinked."Hash"
                        WHERE "Sequence" = placeholder;
                        head."LastSequence" := unlinked."Sequence";
                        head."LastHash" := unlinked."Hash";
                    END LOOP;

                    UPDATE gateway.audit_chain_head SET "LastSequence" = head."LastSequence", "LastHash" = head."LastHash" WHERE "Id" = 1;
                    RETURN NULL;
                END $$;

                CREATE CONSTRAINT TRIGGER link_audit_records AFTER INSERT ON gateway.audit_records
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION gateway.link_audit_records();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER link_audit_records ON gateway.audit_records;
                DROP FUNCTION gateway.link_audit_records();
                DROP FUNCTION gateway.audit_record_hash(gateway.audit_records);
                DROP FUNCTION gateway.audit_field(text);
                """);
        }
    }
}
