-- Sessions and users announce changes that end or narrow a session (ADR 0121): each process
-- keeps resolved sessions in memory and drops them when it hears this, at the committing
-- transaction's own connection before COMMIT returns, and on the others' as soon as they idle.
CREATE FUNCTION auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ariadne_auth', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER users_auth_changed AFTER UPDATE ON users FOR EACH ROW
  WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.country IS DISTINCT FROM NEW.country
        OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
        OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at
        OR OLD.email_verified_at IS DISTINCT FROM NEW.email_verified_at)
  EXECUTE FUNCTION auth_changed();
CREATE TRIGGER users_auth_deleted AFTER DELETE ON users FOR EACH STATEMENT
  EXECUTE FUNCTION auth_changed();
CREATE TRIGGER users_auth_truncated AFTER TRUNCATE ON users FOR EACH STATEMENT
  EXECUTE FUNCTION auth_changed();
CREATE TRIGGER sessions_auth_changed AFTER UPDATE ON sessions FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
        OR OLD.user_id IS DISTINCT FROM NEW.user_id)
  EXECUTE FUNCTION auth_changed();
CREATE TRIGGER sessions_auth_deleted AFTER DELETE ON sessions FOR EACH STATEMENT
  EXECUTE FUNCTION auth_changed();
CREATE TRIGGER sessions_auth_truncated AFTER TRUNCATE ON sessions FOR EACH STATEMENT
  EXECUTE FUNCTION auth_changed();
