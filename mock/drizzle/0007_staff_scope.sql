-- Staff scope (issue 20): every staff account carries its department (实施部门 of the catalog) and,
-- for window staff, the halls it works at. Disabled accounts keep their history but cannot sign in.
ALTER TABLE "staff_accounts" ADD COLUMN "department_id" text;--> statement-breakpoint
ALTER TABLE "staff_accounts" ADD COLUMN "hall_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_accounts" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff_accounts" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
-- Accounts from before scoping (the three seed accounts) get the scope the seed gives them.
UPDATE "staff_accounts" SET "department_id" = 'market' WHERE "username" = 'approver01' AND "department_id" IS NULL;--> statement-breakpoint
UPDATE "staff_accounts" SET "hall_ids" = '["hs-centre"]'::jsonb WHERE "username" = 'window01' AND "hall_ids" = '[]'::jsonb;--> statement-breakpoint
-- When a staff scanner last fetched the key set and revocation list from the server (offline
-- verifications are believed only for times after it).
CREATE TABLE "scanner_syncs" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"synced_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
-- An offline verification whose claimed time is outside what the server can check.
ALTER TABLE "credential_verifications" DROP CONSTRAINT "credential_verifications_result_check";--> statement-breakpoint
ALTER TABLE "credential_verifications" ADD CONSTRAINT "credential_verifications_result_check" CHECK ("result" in ('valid', 'bad_signature', 'expired', 'revoked', 'unknown_key', 'malformed', 'not_yet_valid', 'wrong_kind', 'unverifiable'));--> statement-breakpoint
ALTER TABLE "credential_verifications" DROP CONSTRAINT "credential_verifications_device_result_check";--> statement-breakpoint
ALTER TABLE "credential_verifications" ADD CONSTRAINT "credential_verifications_device_result_check" CHECK ("device_result" in ('valid', 'bad_signature', 'expired', 'revoked', 'unknown_key', 'malformed', 'not_yet_valid', 'wrong_kind', 'unverifiable'));
--> statement-breakpoint
-- 谁查看了我的数据: staff opening an uploaded material of a case is logged against its owner.
ALTER TABLE "access_log" ADD COLUMN "detail" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "access_log" DROP CONSTRAINT "access_log_action_check";--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_action_check" CHECK (action in ('social_security.view', 'provident_fund.view', 'property.view', 'proof.create', 'proof.download', 'proof.verify', 'case_material.view'));
