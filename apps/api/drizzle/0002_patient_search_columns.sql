DROP INDEX "patients_practice_name_idx";--> statement-breakpoint
DROP INDEX "patients_practice_first_name_idx";--> statement-breakpoint
DROP INDEX "patients_practice_email_idx";--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "search_last_name" text GENERATED ALWAYS AS (lower(last_name)) STORED;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "search_first_name" text GENERATED ALWAYS AS (lower(first_name)) STORED;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "search_preferred_name" text GENERATED ALWAYS AS (lower(preferred_name)) STORED;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "search_email" text GENERATED ALWAYS AS (lower(email)) STORED;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "search_mrn" text GENERATED ALWAYS AS (lower(mrn)) STORED;--> statement-breakpoint
CREATE INDEX "patients_practice_preferred_name_idx" ON "patients" USING btree ("practice_id","search_preferred_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_practice_mrn_search_idx" ON "patients" USING btree ("practice_id","search_mrn" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_practice_name_idx" ON "patients" USING btree ("practice_id","search_last_name" text_pattern_ops,"search_first_name" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "patients_practice_first_name_idx" ON "patients" USING btree ("practice_id","search_first_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_practice_email_idx" ON "patients" USING btree ("practice_id","search_email" text_pattern_ops);