-- reports.incident_id (issue 3) points at incidents; the reports table may not exist in every build.
DO $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = 'reports' AND column_name = 'incident_id'
  ) AND NOT EXISTS (
    SELECT 1 FROM pg_constraint WHERE conname = 'reports_incident_id_fkey'
  ) THEN
    ALTER TABLE reports
      ADD CONSTRAINT reports_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incidents (id);
  END IF;
END;
$$;
