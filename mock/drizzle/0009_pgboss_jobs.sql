-- The job queue moves to pg-boss (mock/src/jobs/queue.ts). Its schema is installed right after
-- these migrations; that step copies this table's rows into it, drops it, and creates the `jobs`
-- view in its place.
ALTER TABLE "jobs" RENAME TO "jobs_legacy";
