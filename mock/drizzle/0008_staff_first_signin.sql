-- Issue 25: first sign-in of a staff account replaces its one-time password and proves its TOTP
-- enrolment. Accounts that already exist keep working as before: they count as enrolled.
ALTER TABLE "staff_accounts" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_accounts" ADD COLUMN "totp_enrolled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff_accounts" ADD COLUMN "password_changed_at" timestamp with time zone;--> statement-breakpoint
UPDATE "staff_accounts" SET "totp_enrolled_at" = "created_at";
