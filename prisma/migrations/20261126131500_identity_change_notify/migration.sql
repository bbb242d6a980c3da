-- Hand-written: API processes keep the identities of API tokens in memory for a few seconds
-- (apps/api/src/auth/identity-cache.ts). Whatever changes who a token speaks for (its revocation, expiry or roles;
-- its owner's roles, email or disabling) tells them at commit, on the channel writ_identity, so a change takes
-- effect at once in every process, even when made with SQL that goes around the API. Touching last_used_at,
-- failed logins and the like say nothing: they change no identity.

CREATE FUNCTION writ_notify_identity_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('writ_identity', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

CREATE TRIGGER api_token_identity_changed
  AFTER UPDATE ON api_token FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
        OR OLD.roles IS DISTINCT FROM NEW.roles OR OLD.staff_id IS DISTINCT FROM NEW.staff_id
        OR OLD.token_hash IS DISTINCT FROM NEW.token_hash)
  EXECUTE FUNCTION writ_notify_identity_change();

CREATE TRIGGER api_token_identity_deleted
  AFTER DELETE ON api_token FOR EACH ROW EXECUTE FUNCTION writ_notify_identity_change();

CREATE TRIGGER staff_identity_changed
  AFTER UPDATE ON staff FOR EACH ROW
  WHEN (OLD.roles IS DISTINCT FROM NEW.roles OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at
        OR OLD.email IS DISTINCT FROM NEW.email)
  EXECUTE FUNCTION writ_notify_identity_change();

CREATE TRIGGER staff_identity_deleted
  AFTER DELETE ON staff FOR EACH ROW EXECUTE FUNCTION writ_notify_identity_change();

CREATE TRIGGER api_token_identity_truncated
  AFTER TRUNCATE ON api_token FOR EACH STATEMENT EXECUTE FUNCTION writ_notify_identity_change();

CREATE TRIGGER staff_identity_truncated
  AFTER TRUNCATE ON staff FOR EACH STATEMENT EXECUTE FUNCTION writ_notify_identity_change();
