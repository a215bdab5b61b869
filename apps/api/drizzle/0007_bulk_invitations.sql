CREATE TABLE "bulk_invitation_items" (
	"practice_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	CONSTRAINT "bulk_invitation_items_practice_id_run_id_patient_id_pk" PRIMARY KEY("practice_id","run_id","patient_id")
);
--> statement-breakpoint
CREATE TABLE "bulk_invitation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"scope" text,
	"patient_ids" jsonb,
	"status" text NOT NULL,
	"capped" boolean DEFAULT false NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"skipped" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "bulk_invitation_items" ADD CONSTRAINT "bulk_invitation_items_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_invitation_items" ADD CONSTRAINT "bulk_invitation_items_run_id_bulk_invitation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."bulk_invitation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_invitation_runs" ADD CONSTRAINT "bulk_invitation_runs_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_invitation_runs" ADD CONSTRAINT "bulk_invitation_runs_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_invitation_runs_practice_idx" ON "bulk_invitation_runs" USING btree ("practice_id","created_at");