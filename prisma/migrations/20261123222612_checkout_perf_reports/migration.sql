-- CreateTable
CREATE TABLE "ShopSecret" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SyntheticCheckout" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "auditRunId" TEXT,
    "jobRunId" TEXT,
    "marketHandle" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "CheckoutEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "checkoutTokenHash" TEXT NOT NULL,
    "countryCode" TEXT,
    "marketHandle" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CheckoutFunnelDay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "count" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "PerfRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "auditRunId" TEXT,
    "jobRunId" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "results" TEXT NOT NULL DEFAULT '{}',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "data" BLOB,
    "commentary" TEXT NOT NULL DEFAULT '',
    "priorities" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "issuedAt" DATETIME,
    "issuedBy" TEXT
);

-- CreateTable
CREATE TABLE "ReportShareLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReportEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "recipients" TEXT NOT NULL,
    "messageId" TEXT,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "ShopSecret_shop_name_key" ON "ShopSecret"("shop", "name");

-- CreateIndex
CREATE INDEX "SyntheticCheckout_shop_startedAt_idx" ON "SyntheticCheckout"("shop", "startedAt");

-- CreateIndex
CREATE INDEX "SyntheticCheckout_shop_marketHandle_startedAt_idx" ON "SyntheticCheckout"("shop", "marketHandle", "startedAt");

-- CreateIndex
CREATE INDEX "CheckoutEvent_shop_occurredAt_idx" ON "CheckoutEvent"("shop", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "CheckoutEvent_shop_eventId_key" ON "CheckoutEvent"("shop", "eventId");

-- CreateIndex
CREATE INDEX "CheckoutFunnelDay_shop_day_idx" ON "CheckoutFunnelDay"("shop", "day");

-- CreateIndex
CREATE UNIQUE INDEX "CheckoutFunnelDay_shop_day_countryCode_step_key" ON "CheckoutFunnelDay"("shop", "day", "countryCode", "step");

-- CreateIndex
CREATE INDEX "PerfRun_shop_kind_startedAt_idx" ON "PerfRun"("shop", "kind", "startedAt");

-- CreateIndex
CREATE INDEX "Report_shop_month_idx" ON "Report"("shop", "month");

-- CreateIndex
CREATE UNIQUE INDEX "Report_shop_month_version_key" ON "Report"("shop", "month", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ReportShareLink_tokenHash_key" ON "ReportShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "ReportShareLink_shop_reportId_idx" ON "ReportShareLink"("shop", "reportId");

-- CreateIndex
CREATE INDEX "ReportEmail_shop_reportId_idx" ON "ReportEmail"("shop", "reportId");

