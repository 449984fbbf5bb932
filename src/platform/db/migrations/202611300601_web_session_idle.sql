-- Idle timeout of web sessions (staff console, ADR 0150): when a page last used the session.
-- Updating it does not announce an auth change (the NOTIFY triggers watch other columns); a
-- session found idle is revoked, which does.
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz;
