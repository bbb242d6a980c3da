-- Hand-written: a decision, once recorded, is never rewritten (POLICY.md, "Defence in depth", layer 4).
-- released_item's composite foreign key to decision(id, outcome) and its CHECK decision_outcome = 'RELEASE' make an
-- item point at a row that says RELEASE; without this trigger one UPDATE could turn a DENY into that row. A
-- decision that turns out wrong is superseded by the request's lifecycle, never edited; the transparency log
-- already holds the original.
CREATE FUNCTION writ_reject_decision_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'decisions are immutable: UPDATE on decision % is refused', OLD.id
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER decision_immutable BEFORE UPDATE ON decision FOR EACH ROW EXECUTE FUNCTION writ_reject_decision_update();
-- ENABLE ALWAYS: keeps firing under session_replication_role = replica, as the log tables' triggers do.
ALTER TABLE decision ENABLE ALWAYS TRIGGER decision_immutable;
