-- CreateTable
CREATE TABLE "ActionNote" (
    "id" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "workflowId" TEXT,
    "adminActionId" TEXT,
    "action" TEXT NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActionNote_subjectKind_subjectId_idx" ON "ActionNote"("subjectKind", "subjectId");

-- Notes are ordinary data of their subject: the runtime role writes them and the erasures delete them.
GRANT SELECT, INSERT, UPDATE, DELETE ON "ActionNote" TO nitd_runtime;
