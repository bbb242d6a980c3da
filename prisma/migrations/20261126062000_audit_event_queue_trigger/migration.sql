-- Hand-written: every new audit event is queued for the integrator by the database itself, in the same
-- transaction and statement as the event, so no code path can write an event that never reaches the log.
CREATE FUNCTION writ_queue_audit_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO log_pending (event_id) VALUES (NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER audit_event_queue AFTER INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION writ_queue_audit_event();
ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_queue;
