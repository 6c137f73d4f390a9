-- The inbox lists newest first by created_at; messages written in one transaction share that
-- instant (a 秒批 case's 已提交 and 已办结), and the random uuid tiebreaker shuffled them. A
-- sequence records the order they were written in. Existing rows get numbers in physical order.
ALTER TABLE "inbox_messages" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "inbox_account_idx";--> statement-breakpoint
CREATE INDEX "inbox_account_idx" ON "inbox_messages" USING btree ("account_id","created_at","seq");
