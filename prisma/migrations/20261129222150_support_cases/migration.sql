-- CreateEnum
CREATE TYPE "RequesterKind" AS ENUM ('user', 'contact', 'customer', 'external');

-- AlterTable
ALTER TABLE "SupportCase" ADD COLUMN     "contactId" TEXT,
ADD COLUMN     "customerId" TEXT,
ADD COLUMN     "intakeRedactions" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "requesterKind" "RequesterKind" NOT NULL DEFAULT 'user';

-- CreateIndex
CREATE INDEX "SupportCase_customerId_idx" ON "SupportCase"("customerId");

-- CreateIndex
CREATE INDEX "SupportCase_contactId_idx" ON "SupportCase"("contactId");

-- CreateIndex
CREATE INDEX "SupportCase_requesterKind_status_idx" ON "SupportCase"("requesterKind", "status");

-- AddForeignKey
ALTER TABLE "SupportCase" ADD CONSTRAINT "SupportCase_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportCase" ADD CONSTRAINT "SupportCase_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "ContactPerson"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Cases from before this migration with requester details but no requesting user came from outside
-- (no user, contact or customer was recorded): they get the support-case lifecycle (backfill and
-- reconciliation start it). Cases whose user was purged stay 'user': their requester is gone already.
UPDATE "SupportCase" SET "requesterKind" = 'external'
WHERE "requesterId" IS NULL AND "requesterErasedAt" IS NULL
  AND ("requesterName" IS NOT NULL OR "requesterEmail" IS NOT NULL OR "requesterPhone" IS NOT NULL);
