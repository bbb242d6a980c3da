-- The deadline sort lists the requests still to be answered first (soonest due, then those without a due date),
-- then the answered ones: a clerk sorting by deadline wants what is urgent, not a closed request whose date passed
-- a year ago. This index holds the first part in that order, so its pages never walk past answered requests.
-- The list of answered statuses is ANSWERED_STATUSES (packages/contracts, requests/lifecycle.ts).

-- CreateIndex
CREATE INDEX "request_open_due_idx" ON "request"("due_at", "id") WHERE (status NOT IN ('DELIVERED', 'CLOSED', 'REJECTED', 'NO_DATA', 'WITHDRAWN'));
