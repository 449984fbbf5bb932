-- Record linkage over the transnational channel (ADR 0131): message kinds for encodings, pairs,
-- secret packages and matched references; where each member's linkage unit is and whether the
-- agreement runs on one node or over the channel; the review of pairs; secret packages waiting
-- to be opened after the receiving transaction.
INSERT INTO federation_message_kinds (kind, data_category, purpose, encrypted, description) VALUES
  ('pprl.submit', 'linkage_encoding', 'identification', true, 'CLK encodings of consented reports under pseudonyms, for a linkage unit'),
  ('pprl.withdraw', 'linkage_encoding', 'identification', false, 'Pseudonyms whose encodings the unit deletes'),
  ('pprl.pairs', 'linkage_pair', 'identification', true, 'Pairs above the threshold for one member (pseudonyms and similarity)'),
  ('pprl.secret', 'linkage_secret', 'identification', true, 'A linkage secret as a JWE for one member'),
  ('pprl.match', 'candidate', 'identification', false, 'A reviewed pair: the sender''s reference for the pseudonyms the unit paired'),
  ('pprl.unmatch', 'candidate', 'identification', false, 'A matched pair is withdrawn (consent withdrawn, report closed)');

-- Member side: 'local' (the unit and the members on this node, in-process) or 'channel' (every
-- linkage message is a signed channel message under an exchange agreement). In 'unit' mode over
-- the channel, the unit is the jurisdiction named here.
ALTER TABLE linkage_agreements
  ADD COLUMN transport text NOT NULL DEFAULT 'local' CHECK (transport IN ('local', 'channel')),
  ADD COLUMN unit_jurisdiction char(2),
  ADD CONSTRAINT linkage_agreements_unit_named
    CHECK (transport = 'local' OR mode = 'bilateral' OR unit_jurisdiction IS NOT NULL);

-- Unit side: whether pairs go back over the channel.
ALTER TABLE linkage_unit_agreements
  ADD COLUMN transport text NOT NULL DEFAULT 'local' CHECK (transport IN ('local', 'channel'));

-- Member side: review of a pair by a contact point or caseworker. 'pursued' sends this side's
-- reference to the other member (pprl.match); the other side answers with its own and both hold a
-- cross-border candidate, from which a disclosure can be requested. Nothing crosses for a pair
-- not pursued.
ALTER TABLE linkage_candidates
  ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  ADD COLUMN status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'pursued', 'excluded', 'matched')),
  ADD COLUMN reviewed_by uuid REFERENCES users (id),
  ADD COLUMN reviewed_at timestamptz,
  ADD COLUMN note text,
  -- The other member's pseudonymous reference of its report (federation subject), once matched.
  ADD COLUMN other_ref text,
  ADD COLUMN other_node text,
  ADD COLUMN local_ref text;

-- Member side: secret packages received over the channel, opened (with the node's encryption
-- key) and installed after the receiving transaction; deleted once installed.
CREATE TABLE linkage_secret_packages (
  id bigserial PRIMARY KEY,
  country char(2) NOT NULL,
  from_member char(2) NOT NULL,
  jwe text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- Bilateral mode: the other member's encodings held for comparison here (only where the
-- agreement says mode 'bilateral'); gone with a withdrawal or a newer secret version.
CREATE TABLE linkage_bilateral_encodings (
  agreement_id text NOT NULL,
  country char(2) NOT NULL,
  member char(2) NOT NULL,
  pseudonym uuid NOT NULL,
  secret_version integer NOT NULL,
  encoding bytea NOT NULL CHECK (octet_length(encoding) = 128),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agreement_id, country, member, pseudonym),
  FOREIGN KEY (agreement_id, country) REFERENCES linkage_agreements (agreement_id, country) ON DELETE CASCADE
);
