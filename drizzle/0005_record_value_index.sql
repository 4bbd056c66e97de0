-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it. PGlite loads it in db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "database_record_values" (
	"record_id" uuid NOT NULL,
	"database_id" uuid NOT NULL,
	"field_id" text NOT NULL,
	"num" numeric,
	"txt" text,
	"key" text GENERATED ALWAYS AS (left(txt, 200)) STORED,
	CONSTRAINT "database_record_values_record_id_field_id_pk" PRIMARY KEY("record_id","field_id")
);
--> statement-breakpoint
DROP INDEX "database_records_database_created_idx";--> statement-breakpoint
-- Existing records are numbered in creation order (physical order changes when a row is updated), then new ones continue the sequence.
ALTER TABLE "database_records" ADD COLUMN "seq" bigint;--> statement-breakpoint
UPDATE "database_records" r SET "seq" = o.n FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM "database_records") o WHERE o.id = r.id;--> statement-breakpoint
ALTER TABLE "database_records" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "database_records" ALTER COLUMN "seq" ADD GENERATED ALWAYS AS IDENTITY (sequence name "database_records_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
SELECT setval('database_records_seq_seq', (SELECT coalesce(max("seq"), 0) + 1 FROM "database_records"), false);--> statement-breakpoint
ALTER TABLE "database_record_values" ADD CONSTRAINT "database_record_values_record_id_database_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."database_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "database_record_values_sort_idx" ON "database_record_values" USING btree ("database_id","field_id","num","key","record_id");--> statement-breakpoint
CREATE INDEX "database_record_values_trgm_idx" ON "database_record_values" USING gin ("txt" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "database_records_database_seq_idx" ON "database_records" USING btree ("database_id","seq");--> statement-breakpoint
-- The planner's estimates: a field id belongs to one database, and a select option's share of a field is known.
CREATE STATISTICS database_record_values_field_deps (dependencies) ON database_id, field_id FROM database_record_values;--> statement-breakpoint
CREATE STATISTICS database_record_values_field_mcv (mcv) ON field_id, num, key FROM database_record_values;--> statement-breakpoint
-- How a JSON value is indexed: numbers in num, everything else (string, boolean, object, array) as text.
CREATE FUNCTION database_record_value_num(v jsonb) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(v) = 'number' THEN (v #>> '{}')::numeric END
$$;--> statement-breakpoint
CREATE FUNCTION database_record_value_txt(v jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(v) IN ('string', 'boolean') THEN v #>> '{}' WHEN jsonb_typeof(v) IN ('object', 'array') THEN v::text END
$$;--> statement-breakpoint
-- Inserted or changed records: upsert one row per field of their database (empty values included), per statement.
CREATE FUNCTION database_record_values_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Share-lock the databases first: a concurrent field add/drop (which updates that row) then waits
  -- for this transaction, or this one sees its committed field list. The services hold this row
  -- FOR UPDATE already; the lock makes the index exact for any other writer too.
  PERFORM 1 FROM project_databases WHERE id IN (SELECT database_id FROM new_rows) ORDER BY id FOR SHARE;
  IF TG_OP = 'UPDATE' THEN
    IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.database_id <> n.database_id) THEN
      RAISE EXCEPTION 'a record cannot move to another database' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO database_record_values (record_id, database_id, field_id, num, txt)
    SELECT n.id, n.database_id, f.id, database_record_value_num(n.data -> f.id), database_record_value_txt(n.data -> f.id)
    FROM new_rows n
    JOIN project_databases d ON d.id = n.database_id
    CROSS JOIN LATERAL (SELECT e ->> 'id' AS id FROM jsonb_array_elements(d.fields) e) f
    ON CONFLICT (record_id, field_id) DO UPDATE SET num = excluded.num, txt = excluded.txt;
  ELSE
    INSERT INTO database_record_values (record_id, database_id, field_id, num, txt)
    SELECT n.id, n.database_id, f.id, database_record_value_num(n.data -> f.id), database_record_value_txt(n.data -> f.id)
    FROM new_rows n
    JOIN old_rows o ON o.id = n.id AND o.data IS DISTINCT FROM n.data
    JOIN project_databases d ON d.id = n.database_id
    CROSS JOIN LATERAL (SELECT e ->> 'id' AS id FROM jsonb_array_elements(d.fields) e) f
    ON CONFLICT (record_id, field_id) DO UPDATE SET num = excluded.num, txt = excluded.txt
    WHERE (database_record_values.num, database_record_values.txt) IS DISTINCT FROM (excluded.num, excluded.txt);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER database_records_values_insert AFTER INSERT ON database_records REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION database_record_values_sync();--> statement-breakpoint
CREATE TRIGGER database_records_values_update AFTER UPDATE ON database_records REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION database_record_values_sync();--> statement-breakpoint
-- Fields added to or dropped from a database: add their rows for every record, remove the dropped ones.
CREATE FUNCTION database_fields_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM database_record_values v
  WHERE v.database_id = NEW.id AND v.field_id NOT IN (SELECT e ->> 'id' FROM jsonb_array_elements(NEW.fields) e);
  INSERT INTO database_record_values (record_id, database_id, field_id, num, txt)
  SELECT r.id, r.database_id, f.id, database_record_value_num(r.data -> f.id), database_record_value_txt(r.data -> f.id)
  FROM (SELECT e ->> 'id' AS id FROM jsonb_array_elements(NEW.fields) e
        EXCEPT SELECT e ->> 'id' FROM jsonb_array_elements(OLD.fields) e) f
  CROSS JOIN database_records r
  WHERE r.database_id = NEW.id
  ON CONFLICT (record_id, field_id) DO UPDATE SET num = excluded.num, txt = excluded.txt;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER project_databases_fields_sync AFTER UPDATE OF fields ON project_databases FOR EACH ROW WHEN (OLD.fields IS DISTINCT FROM NEW.fields) EXECUTE FUNCTION database_fields_sync();--> statement-breakpoint
-- Records written before this migration.
INSERT INTO database_record_values (record_id, database_id, field_id, num, txt)
SELECT r.id, r.database_id, e ->> 'id', database_record_value_num(r.data -> (e ->> 'id')), database_record_value_txt(r.data -> (e ->> 'id'))
FROM database_records r
JOIN project_databases d ON d.id = r.database_id
CROSS JOIN LATERAL jsonb_array_elements(d.fields) e;
