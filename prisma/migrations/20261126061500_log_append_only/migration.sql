-- Hand-written: the transparency log is append-only (TLOG.md, "Database hardening"), and released items can
-- hold nothing but the two releasable categories (POLICY.md, "Defence in depth", layer 4). Deterrence only:
-- the signed checkpoints are the proof, and the verifier detects what a superuser does around these rules.

-- The API connects and then SET ROLE writ_app, so even with an owner's connection string the application
-- itself cannot rewrite history.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'writ_app') THEN
    CREATE ROLE writ_app NOLOGIN;
  END IF;
END
$$;
GRANT writ_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO writ_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO writ_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO writ_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO writ_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO writ_app;
-- log_pending is the integrator's work queue, not part of the log: it keeps DELETE.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, log_entry, log_tile, log_checkpoint FROM writ_app;

CREATE FUNCTION writ_reject_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the transparency log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Row triggers stop UPDATE/DELETE, statement triggers stop TRUNCATE. ENABLE ALWAYS keeps them firing even
-- under session_replication_role = replica, the usual way to switch triggers off for a session.
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION writ_reject_log_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION writ_reject_log_change();
CREATE TRIGGER log_entry_append_only BEFORE UPDATE OR DELETE ON log_entry FOR EACH ROW EXECUTE FUNCTION writ_reject_log_change();
CREATE TRIGGER log_entry_no_truncate BEFORE TRUNCATE ON log_entry FOR EACH STATEMENT EXECUTE FUNCTION writ_reject_log_change();
CREATE TRIGGER log_tile_append_only BEFORE UPDATE OR DELETE ON log_tile FOR EACH ROW EXECUTE FUNCTION writ_reject_log_change();
CREATE TRIGGER log_tile_no_truncate BEFORE TRUNCATE ON log_tile FOR EACH STATEMENT EXECUTE FUNCTION writ_reject_log_change();
CREATE TRIGGER log_checkpoint_append_only BEFORE UPDATE OR DELETE ON log_checkpoint FOR EACH ROW EXECUTE FUNCTION writ_reject_log_change();
CREATE TRIGGER log_checkpoint_no_truncate BEFORE TRUNCATE ON log_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION writ_reject_log_change();
ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_append_only;
ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_no_truncate;
ALTER TABLE log_entry ENABLE ALWAYS TRIGGER log_entry_append_only;
ALTER TABLE log_entry ENABLE ALWAYS TRIGGER log_entry_no_truncate;
ALTER TABLE log_tile ENABLE ALWAYS TRIGGER log_tile_append_only;
ALTER TABLE log_tile ENABLE ALWAYS TRIGGER log_tile_no_truncate;
ALTER TABLE log_checkpoint ENABLE ALWAYS TRIGGER log_checkpoint_append_only;
ALTER TABLE log_checkpoint ENABLE ALWAYS TRIGGER log_checkpoint_no_truncate;

-- Released items: only IP_ADDRESS and PHONE_NUMBER, and only under a RELEASE decision. The column types already
-- say so; these CHECKs keep saying it even if someone widens the enum types one day.
ALTER TABLE released_item ADD CONSTRAINT released_item_category_releasable
  CHECK (category::text IN ('IP_ADDRESS', 'PHONE_NUMBER'));
ALTER TABLE released_item ADD CONSTRAINT released_item_decision_is_release
  CHECK (decision_outcome::text = 'RELEASE');
