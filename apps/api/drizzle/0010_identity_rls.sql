-- Row-level security on the identity tables that belong to one practice (the same policy as 0001).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['portal_access', 'registrations']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (practice_id = portico_current_practice()) '
      'WITH CHECK (practice_id = portico_current_practice())', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- The global identity tables (accounts, password hashes, sessions, second factors, codes) are not
-- one practice's data: tenant work gets no access to them (see 0003).
REVOKE ALL ON portal_accounts, portal_sessions, portal_password_resets, mfa_factors,
  mfa_recovery_codes, webauthn_challenges, verification_challenges FROM portico_app;
--> statement-breakpoint
-- The patient record shows whether the patient has a portal account, and with which email.
GRANT SELECT (id, email) ON portal_accounts TO portico_app;
