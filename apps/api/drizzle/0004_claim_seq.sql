ALTER TABLE "jobs" ADD COLUMN "claim_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "claim_seq" integer DEFAULT 0 NOT NULL;