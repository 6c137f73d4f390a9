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
ALTER TABLE "booking_blocks" ADD CONSTRAINT "booking_blocks_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_quotas" ADD CONSTRAINT "booking_quotas_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_slot_id_booking_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."booking_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscribe_grants" ADD CONSTRAINT "subscribe_grants_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE state in ('created', 'active');