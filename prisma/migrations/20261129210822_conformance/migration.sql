-- CreateTable
CREATE TABLE "ConformanceScan" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "checks" TEXT[],
    "stores" TEXT[],
    "rowsExamined" INTEGER NOT NULL DEFAULT 0,
    "openFindings" INTEGER NOT NULL DEFAULT 0,
    "newFindings" INTEGER NOT NULL DEFAULT 0,
    "resolvedFindings" INTEGER NOT NULL DEFAULT 0,
    "lateErasures" INTEGER NOT NULL DEFAULT 0,
    "byRule" JSONB NOT NULL DEFAULT '{}',
    "evidenceSeqTo" BIGINT NOT NULL DEFAULT 0,
    "evidenceId" TEXT,

    CONSTRAINT "ConformanceScan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConformanceFinding" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "check" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "table" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "workflowId" TEXT,
    "dueAt" TIMESTAMP(3),
    "overdueSeconds" INTEGER,
    "repair" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "firstScanId" TEXT NOT NULL,
    "lastScanId" TEXT NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "repairRequestedAt" TIMESTAMP(3),

    CONSTRAINT "ConformanceFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConformanceScan_runId_key" ON "ConformanceScan"("runId");

-- CreateIndex
CREATE INDEX "ConformanceScan_finishedAt_idx" ON "ConformanceScan"("finishedAt");

-- CreateIndex
CREATE INDEX "ConformanceFinding_key_resolvedAt_idx" ON "ConformanceFinding"("key", "resolvedAt");

-- CreateIndex
CREATE INDEX "ConformanceFinding_resolvedAt_rule_idx" ON "ConformanceFinding"("resolvedAt", "rule");

-- CreateIndex
CREATE INDEX "ConformanceFinding_subjectKind_subjectId_idx" ON "ConformanceFinding"("subjectKind", "subjectId");

