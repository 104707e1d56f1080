-- A case's rectification deadline, counted in working days from the rating's assessTime when the case opens
-- (hub.cases.rectify-within-working-days); whether it was computed across a year the calendar has no file of.
ALTER TABLE rectification_case
    ADD COLUMN rectify_due_at            timestamptz,
    ADD COLUMN deadline_calendar_assumed boolean NOT NULL DEFAULT false;
