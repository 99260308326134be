-- Each account's Quality of Engagement as last scored (docs/cultivation.md): when one of its people
-- engages, and every night for the decay of the quiet ones (process account-scores). The accounts'
-- numbers (docs/metrics.md) read these rows instead of scoring every account from its engagements.
-- An account with no engagement in the score's window and the four weeks before has no row.
CREATE TABLE account_score (
    account_id     VARCHAR(36) PRIMARY KEY REFERENCES account (id),
    score          INTEGER NOT NULL,
    four_weeks_ago INTEGER NOT NULL,
    scored_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_account_score_score ON account_score (score);

-- a rep's report card reads the rep's own rows of the period, not every rep's
CREATE INDEX ix_lead_offer_rep_offered ON lead_offer (rep_id, offered_at);
CREATE INDEX ix_lead_offer_rep_answered ON lead_offer (rep_id, answered_at);
CREATE INDEX ix_lead_rejection_rep_rejected ON lead_rejection (rep_id, rejected_at);
CREATE INDEX ix_lead_breach_rep_breached ON lead_breach (rep_id, breached_at);
CREATE INDEX ix_lead_disposition_rep_reported ON lead_disposition (rep_id, reported_at);
