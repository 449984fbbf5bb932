-- The legal basis under which a remains record is processed (ICRC Handbook: the legal basis
-- travels with the data). Remains are processed under a mandate, not consent: a prosecutor's or
-- court order, the public health law on dead bodies, a medico-legal mandate, or a humanitarian
-- mandate. Existing records get the public health law, the basis of every morgue's register.
ALTER TABLE remains ADD COLUMN legal_basis jsonb NOT NULL
  DEFAULT '{"kind": "public_health_law", "reference": ""}';
ALTER TABLE remains ADD CONSTRAINT remains_legal_basis_kind CHECK (
  legal_basis->>'kind' IN ('prosecutor_order', 'court_order', 'public_health_law',
    'medico_legal_mandate', 'humanitarian_mandate')
);
