-- Every rep who has held a task of a lead, once (docs/architecture.md, "Who sees what"): a rep
-- sees the leads they had a task for. It was read from the engine's task history, which has no
-- index on the assignee (every rep's list scanned all historic tasks and sent their leads back as
-- an IN list of up to the rep's whole career) and which the history cleanup empties after the
-- time to live, taking the rep's sight of the lead with it. Leadflow's own rows are never cleaned.
CREATE TABLE lead_assignee (
    user_id            VARCHAR(64) NOT NULL,
    lead_id            VARCHAR(36) NOT NULL,
    first_assigned_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, lead_id)
);
CREATE INDEX ix_lead_assignee_lead ON lead_assignee (lead_id);

-- every offer was a task for its rep; the engine's task history adds the rest (V18)
INSERT INTO lead_assignee (user_id, lead_id, first_assigned_at)
SELECT rep_id, lead_id, MIN(offered_at) FROM lead_offer WHERE rep_id IS NOT NULL GROUP BY rep_id, lead_id;
