-- CreateTable
CREATE TABLE "ReconciliationRun" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "subjectsChecked" INTEGER NOT NULL,
    "lifecyclesStarted" INTEGER NOT NULL,
    "startedWorkflowIds" TEXT[],
    "orphanedWorkflowIds" TEXT[],

    CONSTRAINT "ReconciliationRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReconciliationRun_runId_key" ON "ReconciliationRun"("runId");

-- CreateIndex
CREATE INDEX "ReconciliationRun_finishedAt_idx" ON "ReconciliationRun"("finishedAt");

