-- Web sessions (a cookie token, hashed), verified e-mail addresses, one-time account codes and
-- login throttling that slows an attacker without locking the owner out.

-- A session opened by the web pages is found by the SHA-256 of its cookie token.
ALTER TABLE sessions ADD COLUMN web_token_hash text;
CREATE UNIQUE INDEX sessions_web_token_key ON sessions (web_token_hash) WHERE web_token_hash IS NOT NULL;

-- When the address was proven. Accounts made by an administrator, and those that existed before,
-- count as verified; a family member's own registration starts unverified.
ALTER TABLE users ADD COLUMN email_verified_at timestamptz DEFAULT now();
UPDATE users SET email_verified_at = created_at;

-- One-time codes sent by e-mail (address verification, password reset); only hashes are kept.
CREATE TABLE account_codes (
  code_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_codes_user_idx ON account_codes (user_id, purpose);

-- Failed logins per key (an account, a client address, or the pair), with exponential back-off.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  blocked_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Account e-mails (verification codes, reset codes, "someone tried to register") go through the
-- notification outbox like any other e-mail.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('status_change', 'message', 'co_follower_invitation', 'assignment', 'death_notice', 'account'));
