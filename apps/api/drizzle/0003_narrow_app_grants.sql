-- Tenant transactions run as portico_app (SET LOCAL ROLE). 0001 made the migrating role a member
-- but ignored a failure to do so; without membership every tenant transaction fails at SET ROLE.
-- Stop here, with the fix, instead.
DO $$ BEGIN
  IF NOT pg_has_role(current_user, 'portico_app', 'MEMBER') THEN
    RAISE EXCEPTION '%', format(
      'The role %I, which runs the migrations, cannot act as portico_app. As a superuser, run: GRANT portico_app TO %I; then start Portico again.',
      current_user, current_user)
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;
--> statement-breakpoint
-- 0001 granted portico_app every table. The global identity tables (accounts, password hashes,
-- sessions, memberships, password links) and platform counters are not one practice's data: tenant
-- work gets no access to them, except the columns it shows as labels (REVOKE ALL also removes any
-- column grants). New tables are still granted by default (ALTER DEFAULT PRIVILEGES in 0001):
-- a new global table must be revoked here the same way, in a new migration.
REVOKE ALL ON staff_users, staff_sessions, staff_memberships, password_setup_tokens,
  rate_limit_buckets, practices FROM portico_app;
--> statement-breakpoint
-- The audit log shows who acted.
GRANT SELECT (id, display_name) ON staff_users TO portico_app;
--> statement-breakpoint
-- Patient rules (time zone, MRN prefix) and the audit log's date window.
GRANT SELECT (id, slug, name, time_zone, mrn_prefix) ON practices TO portico_app;
