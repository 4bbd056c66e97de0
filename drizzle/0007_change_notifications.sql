-- Change notifications for the in-process caches of the gateway's hot path (users and API keys,
-- the model catalogue, the budgets): every process LISTENs on aios_changes and drops what changed.
-- NOTIFY is delivered at commit, so no process reloads a row before the change is visible.
CREATE OR REPLACE FUNCTION aios_notify_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('aios_changes', TG_TABLE_NAME || ':' || (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION aios_notify_table_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('aios_changes', TG_TABLE_NAME || ':*');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION aios_notify_row_change();
--> statement-breakpoint
-- last_used_at moves often and changes nothing a cache holds.
CREATE TRIGGER api_keys_changed AFTER UPDATE ON api_keys
  FOR EACH ROW WHEN (
    OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
    OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
    OR OLD.scopes IS DISTINCT FROM NEW.scopes
    OR OLD.user_id IS DISTINCT FROM NEW.user_id
    OR OLD.key_hash IS DISTINCT FROM NEW.key_hash
  ) EXECUTE FUNCTION aios_notify_row_change();
--> statement-breakpoint
CREATE TRIGGER api_keys_deleted AFTER DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION aios_notify_row_change();
--> statement-breakpoint
CREATE TRIGGER ai_models_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ai_models
  FOR EACH STATEMENT EXECUTE FUNCTION aios_notify_table_change();
--> statement-breakpoint
CREATE TRIGGER ai_budgets_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ai_budgets
  FOR EACH STATEMENT EXECUTE FUNCTION aios_notify_table_change();
