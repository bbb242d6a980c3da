-- Hand-written: the database's own line of the four-eyes rule on the authority registry (registry_change, see
-- apps/api/src/registry-changes/). The API checks all of this first; these CHECKs and triggers hold even for SQL
-- that goes around it. The registry decides which orders count as verified, so a key, a contact channel, a change
-- of kind or country and an activation are written only by the transaction that approves the change proposing
-- them. The table owner (migrations, the demo seed's bootstrap) is exempt: it can switch triggers off anyway.

-- Whoever approves or rejects a change is not whoever proposed it (a proposer withdraws their own by cancelling,
-- which names no decider).
ALTER TABLE registry_change ADD CONSTRAINT registry_change_four_eyes
  CHECK (decided_by IS NULL OR decided_by <> proposed_by);

ALTER TABLE registry_change ADD CONSTRAINT registry_change_decision_fits_status CHECK (
  CASE status::text
    WHEN 'PENDING' THEN decided_by IS NULL AND decided_at IS NULL
    WHEN 'APPROVED' THEN decided_by IS NOT NULL AND decided_at IS NOT NULL
    WHEN 'REJECTED' THEN decided_by IS NOT NULL AND decided_at IS NOT NULL AND reason IS NOT NULL
    ELSE decided_by IS NULL AND decided_at IS NOT NULL
  END
);

ALTER TABLE registry_change ADD CONSTRAINT registry_change_version_fits_kind
  CHECK ((kind::text = 'UPDATE_AUTHORITY') = (target_version IS NOT NULL));

ALTER TABLE registry_change ADD CONSTRAINT registry_change_expires_after_proposal CHECK (expires_at > proposed_at);

ALTER TABLE registry_change ADD CONSTRAINT registry_change_payload_is_object CHECK (jsonb_typeof(payload) = 'object');

-- May the current role write the registry without an approved change? Only a superuser or the table's owner.
CREATE FUNCTION writ_registry_bootstrap(tbl regclass) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper)
      OR pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = tbl), 'USAGE')
$$;

-- Was `change` a change of `want` for `authority`, approved in this very transaction (decided_at is set to the
-- transaction's time by the trigger below, so an older approval cannot be used twice)?
CREATE FUNCTION writ_registry_approved_now(change uuid, want text, authority uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM registry_change
     WHERE id = change AND kind::text = want AND authority_id = authority AND status::text = 'APPROVED'
       AND decided_at = now()::timestamptz(3))
$$;

-- A proposal starts PENDING; only a PENDING row changes, and only in its decision columns. Rows are not deleted
-- (except with their authority, which only goes while no request refers to it).
CREATE FUNCTION writ_check_registry_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status::text <> 'PENDING' THEN
      RAISE EXCEPTION 'a registry change is proposed PENDING; only another admin''s approval decides it'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.status::text <> 'PENDING' THEN
    RAISE EXCEPTION 'registry change % is % and cannot change any more', OLD.id, OLD.status
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.authority_id <> OLD.authority_id OR NEW.payload <> OLD.payload
     OR NEW.target_version IS DISTINCT FROM OLD.target_version OR NEW.proposed_by <> OLD.proposed_by
     OR NEW.proposed_at <> OLD.proposed_at OR NEW.expires_at <> OLD.expires_at THEN
    RAISE EXCEPTION 'a proposal is not edited: only its decision is recorded (registry change %)', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status::text = 'APPROVED' THEN
    NEW.decided_at := now();
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER registry_change_decided_is_final BEFORE INSERT OR UPDATE ON registry_change
  FOR EACH ROW EXECUTE FUNCTION writ_check_registry_change();
ALTER TABLE registry_change ENABLE ALWAYS TRIGGER registry_change_decided_is_final;
REVOKE DELETE, TRUNCATE ON registry_change FROM writ_app;

-- A key is added only by the approval of its ADD_KEY change; afterwards only its revocation is written.
CREATE FUNCTION writ_check_authority_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF writ_registry_bootstrap(TG_RELID) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.registry_change_id IS NULL
       OR NOT writ_registry_approved_now(NEW.registry_change_id, 'ADD_KEY', NEW.authority_id) THEN
      RAISE EXCEPTION 'a key is registered only by approving its ADD_KEY registry change (four eyes)'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.id <> OLD.id OR NEW.authority_id <> OLD.authority_id OR NEW.kind <> OLD.kind OR NEW.material <> OLD.material
     OR NEW.fingerprint <> OLD.fingerprint OR NEW.valid_from <> OLD.valid_from OR NEW.valid_to <> OLD.valid_to
     OR NEW.created_at <> OLD.created_at OR NEW.registry_change_id IS DISTINCT FROM OLD.registry_change_id
     OR (OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at) THEN
    RAISE EXCEPTION 'a registered key is only ever revoked; register a new one through a registry change'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER authority_key_four_eyes BEFORE INSERT OR UPDATE ON authority_key
  FOR EACH ROW EXECUTE FUNCTION writ_check_authority_key();
ALTER TABLE authority_key ENABLE ALWAYS TRIGGER authority_key_four_eyes;

-- A contact channel is added only by the approval of its ADD_CHANNEL change; only its label may change later.
CREATE FUNCTION writ_check_authority_channel() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF writ_registry_bootstrap(TG_RELID) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.registry_change_id IS NULL
       OR NOT writ_registry_approved_now(NEW.registry_change_id, 'ADD_CHANNEL', NEW.authority_id) THEN
      RAISE EXCEPTION 'a contact channel is added only by approving its ADD_CHANNEL registry change (four eyes)'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.id <> OLD.id OR NEW.authority_id <> OLD.authority_id OR NEW.kind <> OLD.kind OR NEW.value <> OLD.value
     OR NEW.verified_at <> OLD.verified_at OR NEW.created_at <> OLD.created_at
     OR NEW.registry_change_id IS DISTINCT FROM OLD.registry_change_id THEN
    RAISE EXCEPTION 'a contact channel is not edited; add the new one through a registry change'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER authority_channel_four_eyes BEFORE INSERT OR UPDATE ON authority_contact_channel
  FOR EACH ROW EXECUTE FUNCTION writ_check_authority_channel();
ALTER TABLE authority_contact_channel ENABLE ALWAYS TRIGGER authority_channel_four_eyes;

-- A new authority starts SUSPENDED; kind, country and activation change only with an approved change.
CREATE FUNCTION writ_check_authority_trust() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF writ_registry_bootstrap(TG_RELID) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.status::text <> 'SUSPENDED' THEN
      RAISE EXCEPTION 'a new authority starts SUSPENDED until another admin approves its activation'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  IF (NEW.kind <> OLD.kind OR NEW.country <> OLD.country) AND NOT EXISTS (
       SELECT 1 FROM registry_change
        WHERE authority_id = NEW.id AND kind::text = 'UPDATE_AUTHORITY' AND status::text = 'APPROVED'
          AND decided_at = now()::timestamptz(3)
          AND COALESCE(payload->>'kind', OLD.kind::text) = NEW.kind::text
          AND COALESCE(payload->>'country', OLD.country::text) = NEW.country::text) THEN
    RAISE EXCEPTION 'kind and country change only by approving an UPDATE_AUTHORITY registry change (four eyes)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status::text = 'ACTIVE' AND OLD.status::text <> 'ACTIVE' AND NOT EXISTS (
       SELECT 1 FROM registry_change
        WHERE authority_id = NEW.id AND kind::text = 'ACTIVATE_AUTHORITY' AND status::text = 'APPROVED'
          AND decided_at = now()::timestamptz(3)) THEN
    RAISE EXCEPTION 'an authority is activated only by approving an ACTIVATE_AUTHORITY registry change (four eyes)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER authority_four_eyes BEFORE INSERT OR UPDATE ON authority
  FOR EACH ROW EXECUTE FUNCTION writ_check_authority_trust();
ALTER TABLE authority ENABLE ALWAYS TRIGGER authority_four_eyes;
