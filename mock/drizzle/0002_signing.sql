CREATE TABLE "signing_keys" (
	"kid" varchar(16) PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_key_enc" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_one_active" ON "signing_keys" USING btree ((true)) WHERE retired_at is null;--> statement-breakpoint
CREATE INDEX "signing_keys_retired_idx" ON "signing_keys" USING btree ("retired_at");