CREATE TABLE "citizens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hmac" varchar(64) NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"phone_enc" text,
	"phone_hmac" varchar(64),
	"household_region_code" varchar(6) NOT NULL,
	"address_enc" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "citizens_id_number_hmac_key" UNIQUE("id_number_hmac"),
	CONSTRAINT "citizens_phone_hmac_key" UNIQUE("phone_hmac"),
	CONSTRAINT "citizens_sex_check" CHECK (sex in ('M', 'F')),
	CONSTRAINT "citizens_phone_pair_check" CHECK ((phone_enc is null) = (phone_hmac is null))
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uscc" varchar(18) NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"legal_rep_citizen_id" uuid NOT NULL,
	"registered_capital" bigint NOT NULL,
	"established_on" date NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"address" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_uscc_key" UNIQUE("uscc"),
	CONSTRAINT "enterprises_name_key" UNIQUE("name"),
	CONSTRAINT "enterprises_type_check" CHECK (type in ('limited_company', 'partnership', 'individual_business')),
	CONSTRAINT "enterprises_status_check" CHECK (status in ('active', 'revoked', 'deregistered')),
	CONSTRAINT "enterprises_capital_check" CHECK (registered_capital >= 0)
);
--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" text NOT NULL,
	"content" text NOT NULL,
	"contact_enc" text,
	"channel" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_category_check" CHECK (category in ('suggestion', 'problem', 'complaint', 'praise', 'other')),
	CONSTRAINT "feedback_channel_check" CHECK (channel in ('weapp', 'alipay', 'h5', 'unknown')),
	CONSTRAINT "feedback_content_length_check" CHECK (char_length(content) between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" uuid NOT NULL,
	"route" text NOT NULL,
	"body_hash" varchar(64) NOT NULL,
	"status_code" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("key","route")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" varchar(6) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_code" varchar(6),
	"level" text NOT NULL,
	CONSTRAINT "regions_level_check" CHECK (level in ('province', 'city', 'district'))
);
--> statement-breakpoint
ALTER TABLE "citizens" ADD CONSTRAINT "citizens_household_region_code_regions_code_fk" FOREIGN KEY ("household_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_legal_rep_citizen_id_citizens_id_fk" FOREIGN KEY ("legal_rep_citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_parent_code_regions_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "citizens_household_region_idx" ON "citizens" USING btree ("household_region_code");--> statement-breakpoint
CREATE INDEX "enterprises_legal_rep_idx" ON "enterprises" USING btree ("legal_rep_citizen_id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "regions_parent_code_idx" ON "regions" USING btree ("parent_code");