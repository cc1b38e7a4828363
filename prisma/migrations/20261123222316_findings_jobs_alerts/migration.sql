-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "ianaTimezone" TEXT NOT NULL DEFAULT 'UTC',
    "weeklyWeekday" INTEGER NOT NULL DEFAULT 1,
    "weeklyHour" INTEGER NOT NULL DEFAULT 6,
    "weeklyEnabled" BOOLEAN NOT NULL DEFAULT true,
    "auditSettings" TEXT NOT NULL DEFAULT '{}',
    "alertEmails" TEXT,
    "alertWebhookUrl" TEXT,
    "options" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "phase" TEXT,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "error" TEXT,
    "snapshotId" TEXT,
    "productId" TEXT,
    "jobRunId" TEXT,
    "summary" TEXT,
    "findings" BLOB
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "productId" TEXT,
    "productHandle" TEXT,
    "productTitle" TEXT,
    "vendor" TEXT,
    "productType" TEXT,
    "variantId" TEXT,
    "variantSku" TEXT,
    "variantTitle" TEXT,
    "message" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '{}',
    "fixUrl" TEXT,
    "change" TEXT NOT NULL,
    "suppressed" BOOLEAN NOT NULL DEFAULT false,
    "firstSeenAt" DATETIME NOT NULL,
    "runId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FindingHistory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "fixedAt" DATETIME,
    "timesRegressed" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "Suppression" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "liftedAt" DATETIME,
    "liftedBy" TEXT
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "jobVersion" INTEGER NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "runAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL,
    "concurrencyKey" TEXT,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "phase" TEXT,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "result" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "runId" TEXT,
    "payload" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "AuditRun_shop_startedAt_idx" ON "AuditRun"("shop", "startedAt");

-- CreateIndex
CREATE INDEX "AuditRun_shop_kind_status_idx" ON "AuditRun"("shop", "kind", "status");

-- CreateIndex
CREATE INDEX "Finding_shop_ruleId_idx" ON "Finding"("shop", "ruleId");

-- CreateIndex
CREATE INDEX "Finding_shop_severity_idx" ON "Finding"("shop", "severity");

-- CreateIndex
CREATE INDEX "Finding_shop_productId_idx" ON "Finding"("shop", "productId");

-- CreateIndex
CREATE INDEX "Finding_shop_vendor_idx" ON "Finding"("shop", "vendor");

-- CreateIndex
CREATE INDEX "Finding_shop_productType_idx" ON "Finding"("shop", "productType");

-- CreateIndex
CREATE INDEX "Finding_shop_change_idx" ON "Finding"("shop", "change");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_shop_key_key" ON "Finding"("shop", "key");

-- CreateIndex
CREATE INDEX "FindingHistory_shop_status_idx" ON "FindingHistory"("shop", "status");

-- CreateIndex
CREATE UNIQUE INDEX "FindingHistory_shop_key_key" ON "FindingHistory"("shop", "key");

-- CreateIndex
CREATE INDEX "Suppression_shop_key_idx" ON "Suppression"("shop", "key");

-- CreateIndex
CREATE INDEX "JobRun_status_runAt_idx" ON "JobRun"("status", "runAt");

-- CreateIndex
CREATE INDEX "JobRun_shop_createdAt_idx" ON "JobRun"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "JobRun_concurrencyKey_status_idx" ON "JobRun"("concurrencyKey", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_shop_key_channel_key" ON "Alert"("shop", "key", "channel");

