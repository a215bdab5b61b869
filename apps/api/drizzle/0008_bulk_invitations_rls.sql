-- Row-level security on the bulk invitation tables, the same policy as 0001. The tables themselves
-- are granted to portico_app by the default privileges of 0001.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['bulk_invitation_runs', 'bulk_invitation_items']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (practice_id = portico_current_practice()) '
      'WITH CHECK (practice_id = portico_current_practice())', t);
  END LOOP;
END $$;
