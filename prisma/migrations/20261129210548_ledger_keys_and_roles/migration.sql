-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "keyId" TEXT,
ADD COLUMN     "mac" TEXT;

-- AlterTable
ALTER TABLE "AdminAction" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "keyId" TEXT,
ADD COLUMN     "mac" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "AdminAction_seq_key" ON "AdminAction"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "AdminAction_prevHash_key" ON "AdminAction"("prevHash");

-- CreateIndex
CREATE UNIQUE INDEX "AdminAction_hash_key" ON "AdminAction"("hash");


-- Hand-written: the ledger the application cannot rewrite (docs/evidence.md).
--
-- 1. AdminAction is append-only like Evidence: triggers refuse UPDATE, DELETE and TRUNCATE
--    whoever runs them. (Prisma's driver adapter splits scripts at every semicolon, quoted or not,
--    so function bodies spell theirs \x3b inside E'' strings.)
CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  RAISE EXCEPTION ''the ledger is append-only: % of "%" is not allowed'', TG_OP, TG_TABLE_NAME
    USING ERRCODE = ''insufficient_privilege''\x3b
END\x3b
';

CREATE TRIGGER admin_action_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "AdminAction"
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();

CREATE TRIGGER admin_action_no_truncate
  BEFORE TRUNCATE ON "AdminAction"
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();

-- 2. Every record from now on is chained and sealed with a ledger key the database never sees.
--    Rows written before are left as they are (NOT VALID), and the verifier reports unsealed ones.
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_sealed" CHECK ("keyId" IS NOT NULL AND "mac" IS NOT NULL) NOT VALID;
ALTER TABLE "AdminAction" ADD CONSTRAINT "AdminAction_chained"
  CHECK ("prevHash" IS NOT NULL AND "hash" IS NOT NULL AND "keyId" IS NOT NULL AND "mac" IS NOT NULL) NOT VALID;

-- 3. The runtime role: what the worker and the API connect as (a login role that is a member of
--    nitd_runtime, which db/roles.ts creates for npm start, the tests and the compose migrate job).
--    It owns nothing, so it can neither ALTER nor DROP a table, nor disable a trigger. On the two
--    ledgers it may only read and append. The owner, who runs these migrations, keeps the rest.
--    Roles are cluster-wide: another database on the same server may have created it already.
DO E'BEGIN
  CREATE ROLE nitd_runtime NOLOGIN\x3b
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL\x3b
END';

GRANT USAGE ON SCHEMA public TO nitd_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON "Customer", "ContactPerson", "UserAccount", "LoginFactor", "SupportCase",
  "CrmActivity", "ErpInvoice", "LifecycleProjection", "ReconciliationRun" TO nitd_runtime;
GRANT SELECT, INSERT ON "Evidence", "AdminAction" TO nitd_runtime;
GRANT USAGE ON SEQUENCE "Evidence_seq_seq", "AdminAction_seq_seq" TO nitd_runtime;
