-- CreateTable
CREATE TABLE "LifecycleProjection" (
    "workflowId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "customerId" TEXT,
    "phase" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "dueAt" TIMESTAMP(3),
    "onHold" BOOLEAN NOT NULL DEFAULT false,
    "policyVersion" TEXT NOT NULL,
    "runId" TEXT,
    "version" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LifecycleProjection_pkey" PRIMARY KEY ("workflowId")
);

-- CreateTable
CREATE TABLE "AdminAction" (
    "id" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "reason" TEXT,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdminAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LifecycleProjection_kind_phase_dueAt_idx" ON "LifecycleProjection"("kind", "phase", "dueAt");

-- CreateIndex
CREATE INDEX "LifecycleProjection_status_dueAt_idx" ON "LifecycleProjection"("status", "dueAt");

-- CreateIndex
CREATE INDEX "LifecycleProjection_customerId_dueAt_idx" ON "LifecycleProjection"("customerId", "dueAt");

-- CreateIndex
CREATE INDEX "LifecycleProjection_dueAt_idx" ON "LifecycleProjection"("dueAt");

-- CreateIndex
CREATE INDEX "LifecycleProjection_updatedAt_idx" ON "LifecycleProjection"("updatedAt");

-- CreateIndex
CREATE INDEX "AdminAction_workflowId_at_idx" ON "AdminAction"("workflowId", "at");

-- CreateIndex
CREATE INDEX "AdminAction_at_idx" ON "AdminAction"("at");

