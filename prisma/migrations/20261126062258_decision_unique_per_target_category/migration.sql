-- CreateIndex
CREATE UNIQUE INDEX "decision_target_id_category_key" ON "decision"("target_id", "category");
