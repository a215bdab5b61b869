-- Row-level security on the invitation tables, the same policy as 0001. The tables themselves are
-- granted to portico_app by the default privileges of 0001.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['invitation_templates', 'invitations', 'invitation_cooldowns']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (practice_id = portico_current_practice()) '
      'WITH CHECK (practice_id = portico_current_practice())', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Invitation expiry needs the practice's invitation lifetime (0003 grants practices column by column).
GRANT SELECT (invitation_lifetime_hours) ON practices TO portico_app;
