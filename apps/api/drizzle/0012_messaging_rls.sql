-- Row-level security on the messaging tables (the same policy as 0001): every one is one
-- practice's data.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['messaging_settings', 'message_threads', 'messages',
    'message_attachments', 'message_templates', 'bulk_message_runs',
    'message_notification_preferences', 'idempotency_keys']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (practice_id = portico_current_practice()) '
      'WITH CHECK (practice_id = portico_current_practice())', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Messages are never deleted by tenant work (they stay on the chart, read-only after an end date).
REVOKE DELETE ON messages, message_attachments, message_threads FROM portico_app;
