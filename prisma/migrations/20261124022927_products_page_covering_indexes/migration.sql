-- CreateIndex
CREATE INDEX "Finding_shop_suppressed_ruleId_severity_vendor_productType_change_idx" ON "Finding"("shop", "suppressed", "ruleId", "severity", "vendor", "productType", "change");

-- CreateIndex
CREATE INDEX "Finding_shop_suppressed_category_productId_resourceId_severity_idx" ON "Finding"("shop", "suppressed", "category", "productId", "resourceId", "severity");

-- CreateIndex
CREATE INDEX "Finding_shop_suppressed_severity_ruleId_productTitle_key_idx" ON "Finding"("shop", "suppressed", "severity", "ruleId", "productTitle", "key");

