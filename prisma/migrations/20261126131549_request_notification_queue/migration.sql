-- CreateIndex
CREATE INDEX "request_notification_queue_idx" ON "request"("received_at", "id") WHERE (status IN ('DELIVERED', 'CLOSED') AND user_notified_at IS NULL);
