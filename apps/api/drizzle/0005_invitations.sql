CREATE TABLE "invitation_cooldowns" (
	"practice_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"last_sent_at" timestamp with time zone,
	CONSTRAINT "invitation_cooldowns_practice_id_patient_id_pk" PRIMARY KEY("practice_id","patient_id")
);
--> statement-breakpoint
CREATE TABLE "invitation_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"name" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"channels" text[] NOT NULL,
	"sent_by" uuid,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"registration_step" integer,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "invitation_lifetime_hours" integer DEFAULT 168 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "reference" text;--> statement-breakpoint
ALTER TABLE "invitation_cooldowns" ADD CONSTRAINT "invitation_cooldowns_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation_cooldowns" ADD CONSTRAINT "invitation_cooldowns_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation_templates" ADD CONSTRAINT "invitation_templates_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitation_templates_practice_idx" ON "invitation_templates" USING btree ("practice_id","channel","name");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_practice_patient_idx" ON "invitations" USING btree ("practice_id","patient_id","sent_at");--> statement-breakpoint
CREATE INDEX "outbox_reference_idx" ON "outbox" USING btree ("practice_id","reference");--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_invitation_lifetime_hours_range" CHECK ("practices"."invitation_lifetime_hours" between 1 and 720);