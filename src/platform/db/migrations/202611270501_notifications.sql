-- Keeping families informed: in-app notifications, the e-mail outbox, message threads,
-- in-person death notices, co-followers and families' channel preferences.

-- One notification per recipient and event, rendered in the recipient's language.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient_id uuid NOT NULL REFERENCES users (id),
  report_id uuid REFERENCES reports (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('status_change', 'message', 'co_follower_invitation', 'assignment', 'death_notice')),
  language text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  -- A death notice is held (invisible, not sent) until the contact point records that the
  -- family was informed in person or by phone.
  held boolean NOT NULL DEFAULT false,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC) WHERE NOT held;
CREATE INDEX notifications_report_idx ON notifications (report_id);

-- The outbox: one row per notification and external channel, written in the same
-- transaction as the change; a dispatcher claims and delivers them.
CREATE TABLE notification_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('email')),
  -- What is sent, rendered in the recipient's language when the change happened (the address
  -- is looked up at sending time and never copied here).
  subject text NOT NULL,
  body text NOT NULL,
  -- held → pending → sending → sent | (pending again, later) | failed; uncertain when a
  -- claim was lost mid-send (never resent automatically: a message is never sent twice).
  status text NOT NULL CHECK (status IN ('held', 'pending', 'sending', 'sent', 'failed', 'uncertain')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_at timestamptz,
  sent_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (notification_id, channel)
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status = 'pending';

-- Messages between a family and its contact point, one thread per report.
CREATE TABLE report_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  author_id uuid NOT NULL REFERENCES users (id),
  author_side text NOT NULL CHECK (author_side IN ('family', 'contact_point')),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_messages_report_idx ON report_messages (report_id, created_at);

-- A death is told in person or by phone first: a caseworker opens the notice, the contact point
-- records how the family was told, and only then may the report become identified_deceased;
-- anything written to the family meanwhile is held.
CREATE TABLE death_notices (
  report_id uuid PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  pending_since timestamptz NOT NULL DEFAULT now(),
  informed_at timestamptz,
  method text CHECK (method IN ('in_person', 'phone')),
  informed_by uuid REFERENCES users (id),
  note text
);

-- Relatives who follow a report besides the reporting relative (invited by the owner,
-- active once the invited family account accepts).
CREATE TABLE report_followers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  invitee_email text NOT NULL,
  relationship text NOT NULL,
  user_id uuid REFERENCES users (id),
  status text NOT NULL CHECK (status IN ('invited', 'active', 'declined', 'revoked')),
  invited_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz
);
CREATE UNIQUE INDEX report_followers_open_key ON report_followers (report_id, lower(invitee_email))
  WHERE status IN ('invited', 'active');
CREATE INDEX report_followers_email_idx ON report_followers (lower(invitee_email));

-- A family member's channel choices (the language is users.preferred_language).
CREATE TABLE notification_preferences (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  email boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);
