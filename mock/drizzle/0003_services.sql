CREATE SEQUENCE "public"."case_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "booking_blocks" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booking_queue" (
	"hall_id" text NOT NULL,
	"day" date NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "booking_queue_pkey" PRIMARY KEY("hall_id","day")
);
--> statement-breakpoint
CREATE TABLE "booking_quotas" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"active" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "booking_quotas_active_check" CHECK (active >= 0 and active <= 3)
);
--> statement-breakpoint
CREATE TABLE "booking_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hall_id" text NOT NULL,
	"day" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "booking_slots_booked_check" CHECK (booked >= 0 and booked <= capacity)
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"hall_id" text NOT NULL,
	"slot_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"queue_number" text,
	"no_show_at" timestamp with time zone,
	CONSTRAINT "bookings_status_check" CHECK (status in ('active', 'cancelled', 'checked_in', 'no_show'))
);
--> statement-breakpoint
CREATE TABLE "inbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"singleton_key" text,
	"state" text DEFAULT 'created' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "jobs_state_check" CHECK (state in ('created', 'active', 'completed', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "subscribe_grants" (
	"account_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"template" text NOT NULL,
	"remaining" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "subscribe_grants_pkey" PRIMARY KEY("account_id","channel","template"),
	CONSTRAINT "subscribe_grants_channel_check" CHECK (channel in ('weapp', 'alipay')),
	CONSTRAINT "subscribe_grants_remaining_check" CHECK (remaining >= 0)
);
--> statement-breakpoint
CREATE TABLE "access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"citizen_id" uuid NOT NULL,
	"who" text NOT NULL,
	"actor_id" uuid,
	"mandate_id" uuid,
	"action" text NOT NULL,
	"proof_id" uuid,
	"channel" text NOT NULL,
	CONSTRAINT "access_log_who_check" CHECK (who in ('self', 'proxy', 'enterprise', 'staff', 'public')),
	CONSTRAINT "access_log_action_check" CHECK (action in ('social_security.view', 'provident_fund.view', 'property.view', 'proof.create', 'proof.download', 'proof.verify'))
);
--> statement-breakpoint
CREATE TABLE "pf_accounts" (
	"citizen_id" uuid PRIMARY KEY NOT NULL,
	"account_no" varchar(20) NOT NULL,
	"opened_on" date NOT NULL,
	"opening_balance" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "pf_accounts_no_key" UNIQUE("account_no")
);
--> statement-breakpoint
CREATE TABLE "pf_loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"principal" bigint NOT NULL,
	"rate_percent" numeric(5, 2) NOT NULL,
	"term_months" integer NOT NULL,
	"start_month" date NOT NULL,
	CONSTRAINT "pf_loans_term_check" CHECK (term_months between 12 and 360)
);
--> statement-breakpoint
CREATE TABLE "pf_spans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"employer" text NOT NULL,
	"from_month" date NOT NULL,
	"to_month" date NOT NULL,
	"base" integer NOT NULL,
	"rate_percent" integer NOT NULL,
	CONSTRAINT "pf_spans_rate_check" CHECK (rate_percent between 5 and 12)
);
--> statement-breakpoint
CREATE TABLE "pf_withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"on" date NOT NULL,
	"amount" bigint NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "pf_withdrawals_amount_check" CHECK (amount > 0)
);
--> statement-breakpoint
CREATE TABLE "proofs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(20) NOT NULL,
	"kind" text NOT NULL,
	"citizen_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"mandate_id" uuid,
	"content" jsonb NOT NULL,
	"content_hash" varchar(64) NOT NULL,
	"pdf" "bytea" NOT NULL,
	"pdf_sha256" varchar(64) NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "proofs_number_key" UNIQUE("number"),
	CONSTRAINT "proofs_kind_check" CHECK (kind in ('social_security', 'provident_fund', 'property', 'no_property')),
	CONSTRAINT "proofs_expiry_check" CHECK (expires_at > issued_at)
);
--> statement-breakpoint
CREATE TABLE "re_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"cert_no" text NOT NULL,
	"unit_no" varchar(28) NOT NULL,
	"location" text NOT NULL,
	"area" integer NOT NULL,
	"use" text NOT NULL,
	"right_type" text NOT NULL,
	"share" text NOT NULL,
	"registered_on" date NOT NULL,
	"mortgage_holder" text,
	"mortgage_since" date,
	"mortgage_amount" bigint,
	"seized" boolean DEFAULT false NOT NULL,
	"history" jsonb NOT NULL,
	CONSTRAINT "re_units_cert_no_key" UNIQUE("cert_no"),
	CONSTRAINT "re_units_unit_no_key" UNIQUE("unit_no"),
	CONSTRAINT "re_units_use_check" CHECK (use in ('residential', 'commercial', 'parking')),
	CONSTRAINT "re_units_area_check" CHECK (area > 0)
);
--> statement-breakpoint
CREATE TABLE "ss_pensions" (
	"citizen_id" uuid PRIMARY KEY NOT NULL,
	"started_on" date NOT NULL,
	"initial_monthly" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ss_spans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"employer" text NOT NULL,
	"from_month" date NOT NULL,
	"to_month" date NOT NULL,
	"base" integer NOT NULL,
	"status" text NOT NULL,
	"insurances" jsonb NOT NULL,
	CONSTRAINT "ss_spans_status_check" CHECK (status in ('paid', 'owed')),
	CONSTRAINT "ss_spans_months_check" CHECK (from_month <= to_month),
	CONSTRAINT "ss_spans_base_check" CHECK (base > 0)
);
--> statement-breakpoint
CREATE TABLE "case_bundles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(24) NOT NULL,
	"bundle_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_bundles_number_key" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "case_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"material_name" text NOT NULL,
	"text" text NOT NULL,
	"signed_by" uuid NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"case_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"comment" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_events_actor_check" CHECK (actor_kind in ('applicant', 'window', 'approver', 'system')),
	CONSTRAINT "case_events_action_check" CHECK (action in ('submit', 'accept', 'reject', 'requestSupplement', 'supplement', 'startReview', 'approve', 'deny', 'deliver', 'withdraw'))
);
--> statement-breakpoint
CREATE TABLE "case_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_files_type_check" CHECK (type in ('image/jpeg', 'image/png', 'application/pdf')),
	CONSTRAINT "case_files_size_check" CHECK (size > 0 and size <= 10485760)
);
--> statement-breakpoint
CREATE TABLE "case_person_flags" (
	"id_number_hmac" varchar(64) PRIMARY KEY NOT NULL,
	"dishonest" boolean DEFAULT false NOT NULL,
	"deceased" boolean DEFAULT false NOT NULL,
	"receiving_elder_allowance" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_ratings" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"comment" text,
	"at" timestamp with time zone NOT NULL,
	"follow_up_due_on" date,
	"reply" text,
	"replied_at" timestamp with time zone,
	"replied_by" uuid,
	CONSTRAINT "case_ratings_level_check" CHECK (level between 1 and 5),
	CONSTRAINT "case_ratings_follow_up_check" CHECK ((level <= 2) = (follow_up_due_on is not null))
);
--> statement-breakpoint
CREATE TABLE "case_transition_rules" (
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"action" text NOT NULL,
	CONSTRAINT "case_transition_rules_pkey" PRIMARY KEY("from_state","to_state","action")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(24),
	"query_code_enc" text,
	"query_code_hmac" varchar(64),
	"item_code" text NOT NULL,
	"item_name" text NOT NULL,
	"bundle_row_id" uuid,
	"account_id" uuid NOT NULL,
	"acting_kind" text DEFAULT 'self' NOT NULL,
	"enterprise_id" uuid,
	"for_account_id" uuid,
	"state" text NOT NULL,
	"form" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"auto_results" jsonb,
	"promised_days" integer NOT NULL,
	"accepted_on" date,
	"due_on" date,
	"due_provisional" boolean DEFAULT false NOT NULL,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"concluded_at" timestamp with time zone,
	"client_ref" uuid,
	"channel" text DEFAULT 'unknown' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cases_state_check" CHECK (state in ('draft', 'submitted', 'accepted', 'rejected', 'supplement_requested', 'supplemented', 'under_review', 'approved', 'denied', 'delivered', 'withdrawn')),
	CONSTRAINT "cases_number_check" CHECK ((state = 'draft') = (number is null)),
	CONSTRAINT "cases_query_pair_check" CHECK ((number is null) = (query_code_hmac is null))
);
--> statement-breakpoint
CREATE TABLE "credential_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"credential_id" uuid,
	"jti" varchar(64),
	"kid" varchar(64),
	"result" text NOT NULL,
	"device_result" text NOT NULL,
	"mode" text NOT NULL,
	"disclosed" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"verified_at" timestamp with time zone NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credential_verifications_result_check" CHECK (result in ('valid', 'bad_signature', 'expired', 'revoked', 'unknown_key', 'malformed', 'not_yet_valid', 'wrong_kind')),
	CONSTRAINT "credential_verifications_device_result_check" CHECK (device_result in ('valid', 'bad_signature', 'expired', 'revoked', 'unknown_key', 'malformed', 'not_yet_valid', 'wrong_kind')),
	CONSTRAINT "credential_verifications_mode_check" CHECK (mode in ('online', 'offline'))
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cid" varchar(22) NOT NULL,
	"type" text NOT NULL,
	"holder_citizen_id" uuid,
	"enterprise_id" uuid,
	"title" text,
	"issuer" text NOT NULL,
	"fields_enc" text NOT NULL,
	"valid_until" date,
	"source_case_id" text,
	"issued_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	CONSTRAINT "credentials_cid_key" UNIQUE("cid"),
	CONSTRAINT "credentials_type_check" CHECK (type in ('ssc', 'dl', 'rp', 'pc', 'bl', 'bn')),
	CONSTRAINT "credentials_holder_check" CHECK ((holder_citizen_id is null) <> (enterprise_id is null))
);
--> statement-breakpoint
ALTER TABLE "booking_blocks" ADD CONSTRAINT "booking_blocks_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_quotas" ADD CONSTRAINT "booking_quotas_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_slot_id_booking_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."booking_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscribe_grants" ADD CONSTRAINT "subscribe_grants_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_bundles" ADD CONSTRAINT "case_bundles_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_commitments" ADD CONSTRAINT "case_commitments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_commitments" ADD CONSTRAINT "case_commitments_signed_by_accounts_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_transition_fk" FOREIGN KEY ("from_state","to_state","action") REFERENCES "public"."case_transition_rules"("from_state","to_state","action") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_ratings" ADD CONSTRAINT "case_ratings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_ratings" ADD CONSTRAINT "case_ratings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_bundle_row_id_case_bundles_id_fk" FOREIGN KEY ("bundle_row_id") REFERENCES "public"."case_bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_verifications" ADD CONSTRAINT "credential_verifications_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "booking_slots_hall_start_key" ON "booking_slots" USING btree ("hall_id","starts_at");--> statement-breakpoint
CREATE INDEX "booking_slots_hall_day_idx" ON "booking_slots" USING btree ("hall_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_active_per_item" ON "bookings" USING btree ("account_id","item_code") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "bookings_account_idx" ON "bookings" USING btree ("account_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_slot_idx" ON "bookings" USING btree ("slot_id");--> statement-breakpoint
CREATE INDEX "bookings_hall_start_idx" ON "bookings" USING btree ("hall_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_due_idx" ON "bookings" USING btree ("ends_at") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "inbox_account_idx" ON "inbox_messages" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "inbox_unread_idx" ON "inbox_messages" USING btree ("account_id") WHERE read_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_singleton_key" ON "jobs" USING btree ("singleton_key");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE state in ('created', 'active');--> statement-breakpoint
CREATE INDEX "access_log_citizen_at_idx" ON "access_log" USING btree ("citizen_id","at");--> statement-breakpoint
CREATE INDEX "pf_loans_citizen_idx" ON "pf_loans" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "pf_spans_citizen_idx" ON "pf_spans" USING btree ("citizen_id","from_month");--> statement-breakpoint
CREATE INDEX "pf_withdrawals_citizen_idx" ON "pf_withdrawals" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "proofs_account_idx" ON "proofs" USING btree ("account_id","issued_at");--> statement-breakpoint
CREATE INDEX "proofs_citizen_idx" ON "proofs" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "proofs_pdf_sha256_idx" ON "proofs" USING btree ("pdf_sha256");--> statement-breakpoint
CREATE INDEX "re_units_citizen_idx" ON "re_units" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "ss_spans_citizen_idx" ON "ss_spans" USING btree ("citizen_id","from_month");--> statement-breakpoint
CREATE UNIQUE INDEX "case_commitments_live_key" ON "case_commitments" USING btree ("case_id","material_name") WHERE withdrawn_at is null;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "case_files_account_sha_key" ON "case_files" USING btree ("account_id","sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_key" ON "cases" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_client_ref_key" ON "cases" USING btree ("account_id","client_ref");--> statement-breakpoint
CREATE INDEX "cases_account_idx" ON "cases" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_enterprise_idx" ON "cases" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "cases_for_account_idx" ON "cases" USING btree ("for_account_id");--> statement-breakpoint
CREATE INDEX "cases_state_idx" ON "cases" USING btree ("state","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credential_verifications_client_key" ON "credential_verifications" USING btree ("staff_id","client_id");--> statement-breakpoint
CREATE INDEX "credential_verifications_credential_idx" ON "credential_verifications" USING btree ("credential_id","verified_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_one_live_per_holder" ON "credentials" USING btree ("holder_citizen_id","type") WHERE revoked_at is null and type not in ('bn', 'pc') and holder_citizen_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_one_live_per_enterprise" ON "credentials" USING btree ("enterprise_id","type") WHERE revoked_at is null and enterprise_id is not null;--> statement-breakpoint
CREATE INDEX "credentials_holder_idx" ON "credentials" USING btree ("holder_citizen_id");--> statement-breakpoint
CREATE INDEX "credentials_enterprise_idx" ON "credentials" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "credentials_revoked_idx" ON "credentials" USING btree ("revoked_at");