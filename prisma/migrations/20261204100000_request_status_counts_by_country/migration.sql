-- Counts per status under the country filter (with legal process and type) read from the index alone: the heap
-- pages of a country's requests are most of the table, and visiting them made the queue's counts slow.
CREATE INDEX "request_country_legal_process_type_status_idx" ON "request"("country", "legal_process", "type", "status");
