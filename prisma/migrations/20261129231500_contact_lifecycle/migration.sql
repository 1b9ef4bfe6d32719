-- AlterTable
ALTER TABLE "ContactPerson" ADD COLUMN     "departedAt" TIMESTAMP(3),
ADD COLUMN     "departureReason" TEXT;

-- AlterTable
ALTER TABLE "CrmActivity" ADD COLUMN     "contactId" TEXT;

-- CreateIndex
CREATE INDEX "ContactPerson_departedAt_idx" ON "ContactPerson"("departedAt");

-- CreateIndex
CREATE INDEX "CrmActivity_contactId_idx" ON "CrmActivity"("contactId");

-- AddForeignKey
ALTER TABLE "CrmActivity" ADD CONSTRAINT "CrmActivity_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "ContactPerson"("id") ON DELETE SET NULL ON UPDATE CASCADE;

