-- Family contact points (GCM Objective 8(d)): designations, their staff, and which contact
-- point each missing-person report is routed to (with the history of reassignments).
CREATE TABLE contact_points (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The designating country (the administrator's jurisdiction).
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  -- The designated organisation (a consulate, a Red Cross/Red Crescent tracing service...).
  -- An organisation is designated at most once: its contact_point users act for it.
  organisation_id uuid NOT NULL UNIQUE REFERENCES organisations (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Countries of residence of families it serves; empty = any.
  countries text[] NOT NULL DEFAULT '{}',
  -- Nationalities of missing persons it serves; empty = any.
  nationalities text[] NOT NULL DEFAULT '{}',
  -- Languages spoken (ISO 639).
  languages text[] NOT NULL DEFAULT '{}',
  -- Public channels: [{ kind, value }] (phone, e-mail, address, website...).
  channels jsonb NOT NULL DEFAULT '[]',
  hours text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_points_country_idx ON contact_points (country) WHERE active;

-- The users who staff a contact point (contact_point users of its organisation).
CREATE TABLE contact_point_staff (
  contact_point_id uuid NOT NULL REFERENCES contact_points (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (contact_point_id, user_id)
);
CREATE INDEX contact_point_staff_user_idx ON contact_point_staff (user_id);

-- The contact point a report is currently routed to (one per report).
CREATE TABLE report_assignments (
  report_id uuid PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  contact_point_id uuid NOT NULL REFERENCES contact_points (id),
  assigned_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_assignments_cp_idx ON report_assignments (contact_point_id);

-- Every routing and reassignment, with its reason.
CREATE TABLE report_assignment_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  from_contact_point_id uuid REFERENCES contact_points (id),
  to_contact_point_id uuid NOT NULL REFERENCES contact_points (id),
  reason text NOT NULL,
  actor_id uuid,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_assignment_events_report_idx ON report_assignment_events (report_id, id);
