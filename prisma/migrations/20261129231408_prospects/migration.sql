-- CreateTable
CREATE TABLE "Prospect" (
    "id" TEXT NOT NULL,
    "type" "CustomerType" NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "lastContactAt" TIMESTAMP(3),
    "convertedToCustomerId" TEXT,
    "convertedAt" TIMESTAMP(3),
    "anonymisedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Prospect_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Prospect_lastContactAt_idx" ON "Prospect"("lastContactAt");


-- The app runs as the restricted runtime role (db/roles.ts): the prospect lifecycle's activities and
-- the service API read and write this table as it.
GRANT SELECT, INSERT, UPDATE, DELETE ON "Prospect" TO nitd_runtime;
