CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"holidays" jsonb NOT NULL,
	"workdays" jsonb NOT NULL,
	"source" text NOT NULL,
	"loaded_at" timestamp with time zone NOT NULL,
	"loaded_by" uuid,
	CONSTRAINT "calendar_years_year_check" CHECK (year between 2000 and 2100)
);
