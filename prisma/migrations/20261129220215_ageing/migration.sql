-- AlterTable
ALTER TABLE "ContactPerson" ADD COLUMN     "lastTouchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;


-- Hand-written: nobody knows when an existing contact was last used, and createdAt is the earliest
-- it can have been, so it ages soonest (never later than the truth). The CRM sets lastTouchedAt
-- from now on.
UPDATE "ContactPerson" SET "lastTouchedAt" = "createdAt";

-- Hand-written (Prisma 6 cannot declare a partial index): what the ageing sweep (jobs/ageing) and
-- the conformance scan read. Only rows not yet anonymised are in them, in (date, id) order, so a
-- sweep walks the overdue rows alone and a row leaves the index as it is anonymised: a new run
-- never re-reads what earlier runs did. Plain CREATE INDEX (migrations run in a transaction): it
-- blocks writes to the table while it builds, about a second per million rows here. IF NOT EXISTS
-- keeps indexes an operator built beforehand with CREATE INDEX CONCURRENTLY (docs/ageing.md).
CREATE INDEX IF NOT EXISTS "CrmActivity_ageing_idx" ON "CrmActivity" ("occurredAt", "id") WHERE "anonymisedAt" IS NULL;
CREATE INDEX IF NOT EXISTS "ContactPerson_ageing_idx" ON "ContactPerson" ("lastTouchedAt", "id") WHERE "anonymisedAt" IS NULL;
CREATE INDEX IF NOT EXISTS "ErpInvoice_ageing_idx" ON "ErpInvoice" ("issuedAt", "id") WHERE "anonymisedAt" IS NULL;
