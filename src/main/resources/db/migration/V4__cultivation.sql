-- What a contact did that shows interest (a webinar, a demo day, a download ...), as other
-- systems report it. The same event reported twice has the same dedupe key and is kept once.
CREATE TABLE engagement (
    id             VARCHAR(36)   PRIMARY KEY,
    dedupe_key     VARCHAR(64)   NOT NULL,
    lead_id        VARCHAR(36)   NOT NULL REFERENCES lead (id),
    contact_id     VARCHAR(36)   NOT NULL REFERENCES contact (id),
    account_id     VARCHAR(36)   NOT NULL REFERENCES account (id),
    type           VARCHAR(20)   NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    detail         VARCHAR(2000),
    -- what the engagement-points table gave when the event arrived
    intent_points  INTEGER       NOT NULL,
    depth_points   INTEGER       NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    received_by    VARCHAR(64)   NOT NULL,
    CONSTRAINT uk_engagement_dedupe UNIQUE (dedupe_key)
);
CREATE INDEX ix_engagement_contact ON engagement (contact_id, occurred_at);
CREATE INDEX ix_engagement_account ON engagement (account_id, occurred_at);
CREATE INDEX ix_engagement_lead ON engagement (lead_id);

-- an unsubscribed contact gets no marketing mail again, whichever lead it belongs to
ALTER TABLE contact ADD COLUMN unsubscribed_at TIMESTAMP WITH TIME ZONE;

-- how often a lead went round the cultivation loop and how long it spent there in all
ALTER TABLE lead ADD COLUMN cultivation_loops INTEGER NOT NULL DEFAULT 0;
ALTER TABLE lead ADD COLUMN cultivation_seconds BIGINT NOT NULL DEFAULT 0;
-- set while the lead is in a loop: since when
ALTER TABLE lead ADD COLUMN cultivating_since TIMESTAMP WITH TIME ZONE;

-- an engagement of a stranger makes a lead before anyone knows the company's country
ALTER TABLE account ALTER COLUMN country DROP NOT NULL;
