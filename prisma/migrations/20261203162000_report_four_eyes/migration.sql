-- Hand-written: the database's own line of the rules on transparency reports (apps/api/src/reports/), which the
-- API checks first; these hold for SQL that goes around it too. And the move of free-text offence categories onto
-- the closed list.

-- Four eyes: the admin who approves (publishes) a version is not the admin who drafted it.
ALTER TABLE report ADD CONSTRAINT report_four_eyes
  CHECK (approved_by_id IS NULL OR approved_by_id <> drafted_by_id);

-- A draft names no approver; a published version names its approver, when, and the audit event that logged its hash.
ALTER TABLE report ADD CONSTRAINT report_publication_fits_status CHECK (
  CASE status::text
    WHEN 'DRAFT' THEN approved_by_id IS NULL AND published_at IS NULL AND audit_event_id IS NULL
    ELSE approved_by_id IS NOT NULL AND published_at IS NOT NULL AND audit_event_id IS NOT NULL
  END
);

-- A correction says what changed and why; the first version has nothing to correct.
ALTER TABLE report ADD CONSTRAINT report_changelog_from_second_version CHECK (
  version >= 1 AND (version = 1) = (changelog IS NULL)
  AND (changelog IS NULL OR (jsonb_typeof(changelog->'changes') = 'string' AND jsonb_typeof(changelog->'reason') = 'string'))
);

ALTER TABLE report ADD CONSTRAINT report_threshold_at_least_two CHECK (threshold >= 2);

-- The hash is the hash of these bytes, so what the log holds is what is served.
ALTER TABLE report ADD CONSTRAINT report_sha256_of_document
  CHECK (sha256 = encode(sha256(convert_to(document, 'UTF8')), 'hex'));

-- A published version never changes and never goes away; a draft only gets published (its figures as drafted) or
-- is thrown away.
CREATE FUNCTION writ_check_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status::text = 'PUBLISHED' THEN
    RAISE EXCEPTION 'report % version % is published and cannot be changed or removed; publish a correction instead',
      OLD.period, OLD.version USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.id <> OLD.id OR NEW.period <> OLD.period OR NEW.period_start <> OLD.period_start
     OR NEW.period_end <> OLD.period_end OR NEW.version <> OLD.version OR NEW.threshold <> OLD.threshold
     OR NEW.document <> OLD.document OR NEW.sha256 <> OLD.sha256
     OR NEW.changelog IS DISTINCT FROM OLD.changelog OR NEW.drafted_by_id <> OLD.drafted_by_id
     OR NEW.drafted_at <> OLD.drafted_at THEN
    RAISE EXCEPTION 'a draft report is approved as drafted, not edited (report %): discard it and draft again', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER report_published_is_final BEFORE UPDATE OR DELETE ON report
  FOR EACH ROW EXECUTE FUNCTION writ_check_report_change();
ALTER TABLE report ENABLE ALWAYS TRIGGER report_published_is_final;
REVOKE TRUNCATE ON report FROM writ_app;

-- Free-text offence categories onto the closed list (DSA statement categories), by the words they use; the text
-- stays as the detail. The first pattern that matches wins; text that matches none is NOT_SPECIFIED_ORDER.
UPDATE request SET offence_category_code = (CASE
  WHEN t ~ '(child|minor|csam|grooming|underage)' THEN 'PROTECTION_OF_MINORS'
  WHEN t ~ '(terror|extremis|bomb|explosive|espionage|national security|sabotage)' THEN 'RISK_FOR_PUBLIC_SECURITY'
  WHEN t ~ '(fraud|scam|phishing|launder|forgery|embezzle|betrug|estafa|truffa)' THEN 'SCAMS_AND_FRAUD'
  WHEN t ~ '(stalk|harass|bully|sextortion|revenge porn|intimate image)' THEN 'CYBER_VIOLENCE'
  WHEN t ~ '(hate|incite|incitement|defam|libel|slander|insult)' THEN 'ILLEGAL_OR_HARMFUL_SPEECH'
  WHEN t ~ '(murder|homicide|assault|kidnap|robbery|violen|threat|extortion)' THEN 'VIOLENCE'
  WHEN t ~ '(drug|narcotic|firearm|weapon|counterfeit goods|smuggl)' THEN 'UNSAFE_AND_PROHIBITED_PRODUCTS'
  WHEN t ~ '(copyright|trademark|piracy|intellectual property|counterfeit)' THEN 'INTELLECTUAL_PROPERTY_INFRINGEMENTS'
  WHEN t ~ '(privacy|data protection|identity theft|doxx)' THEN 'DATA_PROTECTION_AND_PRIVACY_VIOLATIONS'
  WHEN t ~ '(election|disinformation)' THEN 'NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS'
  WHEN t ~ '(suicide|self-harm|self harm)' THEN 'SELF_HARM'
  WHEN t ~ '(animal)' THEN 'ANIMAL_WELFARE'
  WHEN t ~ '(consumer|misleading)' THEN 'CONSUMER_INFORMATION'
  ELSE 'NOT_SPECIFIED_ORDER'
END)::"OffenceCategoryCode"
FROM (SELECT id AS rid, lower(offence_category) AS t FROM request WHERE btrim(coalesce(offence_category, '')) <> '') m
WHERE request.id = m.rid;
