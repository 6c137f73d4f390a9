-- Case state machine (issue 7): the allowed transitions, generated from
-- src/domain/cases/states.ts (test/api/cases-machine.test.ts checks they agree), and a trigger that
-- refuses any other change of cases.state. New cases start as drafts.
INSERT INTO "case_transition_rules" ("from_state", "to_state", "action") VALUES
  ('draft', 'submitted', 'submit'),
  ('submitted', 'accepted', 'accept'),
  ('submitted', 'rejected', 'reject'),
  ('submitted', 'supplement_requested', 'requestSupplement'),
  ('supplement_requested', 'supplemented', 'supplement'),
  ('supplemented', 'accepted', 'accept'),
  ('supplemented', 'rejected', 'reject'),
  ('accepted', 'supplement_requested', 'requestSupplement'),
  ('under_review', 'supplement_requested', 'requestSupplement'),
  ('accepted', 'under_review', 'startReview'),
  ('under_review', 'approved', 'approve'),
  ('under_review', 'denied', 'deny'),
  ('approved', 'delivered', 'deliver'),
  ('denied', 'delivered', 'deliver'),
  ('submitted', 'withdrawn', 'withdraw'),
  ('accepted', 'withdrawn', 'withdraw'),
  ('supplement_requested', 'withdrawn', 'withdraw'),
  ('supplemented', 'withdrawn', 'withdraw'),
  ('under_review', 'withdrawn', 'withdraw')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_state_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.state <> 'draft' THEN
      RAISE EXCEPTION 'case % must start as a draft, not %', NEW.id, NEW.state USING ERRCODE = 'check_violation';
    END IF;
  ELSIF NEW.state IS DISTINCT FROM OLD.state THEN
    IF NOT EXISTS (SELECT 1 FROM case_transition_rules r WHERE r.from_state = OLD.state AND r.to_state = NEW.state) THEN
      RAISE EXCEPTION 'case % cannot go from % to %', NEW.id, OLD.state, NEW.state USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER cases_state_guard BEFORE INSERT OR UPDATE OF state ON cases FOR EACH ROW EXECUTE FUNCTION case_state_guard();
