-- Hand-written: the application role no longer writes the log's tables (security issue 11, items 3 and 4).
-- Sequencing, tiles and checkpoints go through the functions below, owned by writ_log (a role nobody logs in as)
-- and run with its rights, and each checks that the log only ever continues: the next index is the size of the
-- last signed checkpoint, each leaf hash is the hash of its event's stored leaf, a pending event leaves the queue
-- only by being sequenced, a tile only grows at its end, a checkpoint states the tree that is stored. The
-- functions also demand the integrator's advisory lock, so whoever holds half-written log rows holds the lock,
-- and the integrator can see and time-box that session (transparency-log/integrator-lock.ts).
DO $$
BEGIN
  CREATE ROLE writ_log NOLOGIN;
EXCEPTION WHEN duplicate_object THEN
  NULL; -- roles belong to the server: another database on it made it already
END
$$;
-- The owner must be able to hand the functions to writ_log.
GRANT writ_log TO CURRENT_USER;

REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON log_pending, log_entry, log_tile, log_checkpoint FROM writ_app;
GRANT SELECT ON log_pending, log_entry, log_tile, log_checkpoint TO writ_app;

GRANT USAGE ON SCHEMA public TO writ_log;
GRANT SELECT ON audit_event TO writ_log;
GRANT SELECT, INSERT, DELETE ON log_pending TO writ_log;
GRANT SELECT, INSERT ON log_entry, log_tile, log_checkpoint TO writ_log;

-- The same number as INTEGRATOR_LOCK in transparency-log/integrator.ts.
CREATE FUNCTION log_require_lock() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  -- Re-entrant within a transaction: the integrator already holds it; anyone else must win it first.
  IF NOT pg_try_advisory_xact_lock(2003986804) THEN
    RAISE EXCEPTION 'the log integrator lock is held by another session' USING ERRCODE = 'lock_not_available';
  END IF;
END
$$;

-- Every audit event is queued by the database itself; run as writ_log, since the application may not write
-- the queue. An event queued twice stays queued once.
CREATE OR REPLACE FUNCTION writ_queue_audit_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.log_pending (event_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

-- RFC 9162 hashing over the stored tiles (tiles.ts has the layout): the functions recompute what they are given,
-- so no caller can store a tile hash or a checkpoint root that the stored leaves do not produce.
CREATE FUNCTION log_perfect_root(p_hashes bytea) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  layer bytea := p_hashes;
  next bytea;
  n integer := length(p_hashes) / 32;
BEGIN
  WHILE n > 1 LOOP
    next := ''::bytea;
    FOR i IN 0 .. n / 2 - 1 LOOP
      next := next || sha256('\x01'::bytea || substring(layer FROM i * 64 + 1 FOR 64));
    END LOOP;
    layer := next;
    n := n / 2;
  END LOOP;
  RETURN layer;
END
$$;

-- The stored hashes of one tile, positions 0 … width-1 (its segments are contiguous: log_append_tile).
CREATE FUNCTION log_tile_hashes(p_level integer, p_index bigint) RETURNS bytea
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce(string_agg(t.hashes, ''::bytea ORDER BY t.width), ''::bytea)
    FROM public.log_tile t WHERE t.level = p_level AND t.index = p_index
$$;

-- Root of the tree of the first p_size leaves, from the right edge of the stored tiles (TileFrontier.root).
CREATE FUNCTION log_tree_root(p_size bigint) RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  parts bytea[] := '{}';
  top integer := 0;
  count_at bigint;
  tile bytea;
  len integer;
  pos integer;
  acc bytea;
BEGIN
  IF p_size = 0 THEN
    RETURN sha256(''::bytea);
  END IF;
  WHILE (1::bigint << (8 * (top + 1))) <= p_size LOOP
    top := top + 1;
  END LOOP;
  FOR level IN REVERSE top .. 0 LOOP
    count_at := p_size >> (8 * level);
    len := (count_at % 256)::integer;
    CONTINUE WHEN len = 0;
    tile := public.log_tile_hashes(level, count_at / 256);
    IF length(tile) < len * 32 THEN
      RAISE EXCEPTION 'log_tree_root: tile %/% holds % hashes, the tree of size % needs %',
        level, count_at / 256, length(tile) / 32, p_size, len USING ERRCODE = 'data_corrupted';
    END IF;
    pos := 0;
    FOR bit IN REVERSE 7 .. 0 LOOP
      IF len - pos >= (1 << bit) THEN
        parts := parts || public.log_perfect_root(substring(tile FROM pos * 32 + 1 FOR (1 << bit) * 32));
        pos := pos + (1 << bit);
      END IF;
    END LOOP;
  END LOOP;
  acc := parts[cardinality(parts)];
  FOR i IN REVERSE cardinality(parts) - 1 .. 1 LOOP
    acc := sha256('\x01'::bytea || parts[i] || acc);
  END LOOP;
  RETURN acc;
END
$$;

-- Sequences up to p_limit queued events at the end of the log: index = size of the last signed checkpoint
-- onwards, leaf hash = SHA-256(0x00 || stored leaf) (RFC 9162). A queued event that is already in the log is
-- taken off the queue and returned with already_sequenced, so the caller can say so; nothing else leaves it.
CREATE FUNCTION log_sequence(p_limit integer)
RETURNS TABLE (idx bigint, event_id bigint, leaf_hash bytea, already_sequenced boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  signed bigint;
BEGIN
  PERFORM public.log_require_lock();
  IF p_limit IS NULL OR p_limit < 1 THEN
    RAISE EXCEPTION 'log_sequence: the batch size must be positive' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT coalesce(max(c.tree_size), 0) INTO signed FROM public.log_checkpoint c;
  IF EXISTS (SELECT 1 FROM public.log_entry l WHERE l.index >= signed) THEN
    RAISE EXCEPTION 'log_sequence: the log has entries past its last signed checkpoint (size %)', signed
      USING ERRCODE = 'data_corrupted';
  END IF;

  RETURN QUERY
    WITH dropped AS (
      DELETE FROM public.log_pending p USING public.log_entry l
       WHERE l.event_id = p.event_id
      RETURNING l.index, l.event_id, l.leaf_hash
    )
    SELECT d.index, d.event_id, d.leaf_hash, true FROM dropped d;

  RETURN QUERY
    WITH batch AS (
      SELECT p.event_id, e.leaf
        FROM public.log_pending p JOIN public.audit_event e ON e.id = p.event_id
       ORDER BY p.event_id
       LIMIT p_limit
    ), numbered AS (
      SELECT signed + row_number() OVER (ORDER BY b.event_id) - 1 AS idx, b.event_id,
             sha256('\x00'::bytea || b.leaf) AS leaf_hash
        FROM batch b
    ), sequenced AS (
      INSERT INTO public.log_entry (index, event_id, leaf_hash)
      SELECT n.idx, n.event_id, n.leaf_hash FROM numbered n
      RETURNING log_entry.index, log_entry.event_id, log_entry.leaf_hash
    ), dequeued AS (
      DELETE FROM public.log_pending p USING sequenced s WHERE p.event_id = s.event_id
    )
    SELECT s.index, s.event_id, s.leaf_hash, false FROM sequenced s ORDER BY s.index;
END
$$;

-- Stores one tile segment. It continues its tile exactly where the stored tile ends; a segment of level 0 holds
-- exactly the leaf hashes of the entries at its positions, and of a higher level the roots of the full tiles
-- below (so segments are stored lowest level first).
CREATE FUNCTION log_append_tile(p_level integer, p_index bigint, p_width integer, p_hashes bytea) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  stored integer;
  seg_count integer;
  expected bytea;
  below bytea;
BEGIN
  PERFORM public.log_require_lock();
  IF p_level IS NULL OR p_index IS NULL OR p_width IS NULL OR p_hashes IS NULL
     OR p_level < 0 OR p_index < 0 OR p_width < 1 OR p_width > 256
     OR length(p_hashes) = 0 OR length(p_hashes) % 32 <> 0 OR length(p_hashes) / 32 > p_width THEN
    RAISE EXCEPTION 'log_append_tile: malformed segment' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  seg_count := length(p_hashes) / 32;
  SELECT coalesce(max(t.width), 0) INTO stored FROM public.log_tile t WHERE t.level = p_level AND t.index = p_index;
  IF stored <> p_width - seg_count THEN
    RAISE EXCEPTION 'log_append_tile: tile %/% ends at %, the segment starts at %',
      p_level, p_index, stored, p_width - seg_count USING ERRCODE = 'data_corrupted';
  END IF;
  IF p_level = 0 THEN
    SELECT string_agg(l.leaf_hash, ''::bytea ORDER BY l.index) INTO expected
      FROM public.log_entry l
     WHERE l.index >= p_index * 256 + stored AND l.index < p_index * 256 + p_width;
    IF expected IS DISTINCT FROM p_hashes THEN
      RAISE EXCEPTION 'log_append_tile: tile 0/% does not hold the leaf hashes of entries % to %',
        p_index, p_index * 256 + stored, p_index * 256 + p_width - 1 USING ERRCODE = 'data_corrupted';
    END IF;
  ELSE
    FOR k IN 0 .. seg_count - 1 LOOP
      below := public.log_tile_hashes(p_level - 1, p_index * 256 + stored + k);
      IF length(below) <> 256 * 32
         OR public.log_perfect_root(below) <> substring(p_hashes FROM k * 32 + 1 FOR 32) THEN
        RAISE EXCEPTION 'log_append_tile: hash % of tile %/% is not the root of full tile %/%', stored + k,
          p_level, p_index, p_level - 1, p_index * 256 + stored + k USING ERRCODE = 'data_corrupted';
      END IF;
    END LOOP;
  END IF;
  INSERT INTO public.log_tile (level, index, width, hashes) VALUES (p_level, p_index, p_width, p_hashes);
END
$$;

-- Stores a signed checkpoint of the stored tree: its size is the number of entries, which the level-0 tiles
-- cover exactly, it never shrinks, its root is the stored tree's, and the note states that size and root (C2SP
-- tlog-checkpoint lines 2 and 3). The signature itself PostgreSQL cannot check; verifiers do.
CREATE FUNCTION log_store_checkpoint(p_size bigint, p_root bytea, p_note text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  signed bigint;
  entries bigint;
  tiled bigint;
BEGIN
  PERFORM public.log_require_lock();
  IF p_size IS NULL OR p_root IS NULL OR p_note IS NULL OR length(p_root) <> 32 THEN
    RAISE EXCEPTION 'log_store_checkpoint: size, a 32-byte root and the note are required'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT max(c.tree_size) INTO signed FROM public.log_checkpoint c;
  IF p_size < coalesce(signed, 0) THEN
    RAISE EXCEPTION 'log_store_checkpoint: size % is below the last signed size %', p_size, signed
      USING ERRCODE = 'data_corrupted';
  END IF;
  SELECT coalesce(max(l.index) + 1, 0) INTO entries FROM public.log_entry l;
  -- The last segment of the last level-0 tile, by the primary key (not a scan of every segment).
  SELECT coalesce((SELECT t.index * 256 + t.width FROM public.log_tile t WHERE t.level = 0
                    ORDER BY t.index DESC, t.width DESC LIMIT 1), 0) INTO tiled;
  IF entries <> p_size OR tiled <> p_size THEN
    RAISE EXCEPTION 'log_store_checkpoint: size % but % entries and % leaf hashes in tiles', p_size, entries, tiled
      USING ERRCODE = 'data_corrupted';
  END IF;
  IF public.log_tree_root(p_size) <> p_root THEN
    RAISE EXCEPTION 'log_store_checkpoint: the given root is not the root of the stored tree of size %', p_size
      USING ERRCODE = 'data_corrupted';
  END IF;
  IF split_part(p_note, E'\n', 2) <> p_size::text
     OR decode(split_part(p_note, E'\n', 3), 'base64') IS DISTINCT FROM p_root THEN
    RAISE EXCEPTION 'log_store_checkpoint: the note does not state size % and the given root', p_size
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO public.log_checkpoint (tree_size, root_hash, note) VALUES (p_size, p_root, p_note);
END
$$;

-- writ_log needs CREATE on the schema only to be given the functions; ownership stays after the REVOKE.
GRANT CREATE ON SCHEMA public TO writ_log;
ALTER FUNCTION log_require_lock() OWNER TO writ_log;
ALTER FUNCTION log_perfect_root(bytea) OWNER TO writ_log;
ALTER FUNCTION log_tile_hashes(integer, bigint) OWNER TO writ_log;
ALTER FUNCTION log_tree_root(bigint) OWNER TO writ_log;
ALTER FUNCTION writ_queue_audit_event() OWNER TO writ_log;
ALTER FUNCTION log_sequence(integer) OWNER TO writ_log;
ALTER FUNCTION log_append_tile(integer, bigint, integer, bytea) OWNER TO writ_log;
ALTER FUNCTION log_store_checkpoint(bigint, bytea, text) OWNER TO writ_log;
REVOKE CREATE ON SCHEMA public FROM writ_log;

REVOKE EXECUTE ON FUNCTION log_require_lock(), log_perfect_root(bytea), log_tile_hashes(integer, bigint),
  log_tree_root(bigint), writ_queue_audit_event(), log_sequence(integer),
  log_append_tile(integer, bigint, integer, bytea), log_store_checkpoint(bigint, bytea, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION log_sequence(integer),
  log_append_tile(integer, bigint, integer, bytea), log_store_checkpoint(bigint, bytea, text) TO writ_app;
