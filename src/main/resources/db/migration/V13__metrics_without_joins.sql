-- Leadflow's numbers for a million leads (docs/performance.md): a lead's source and campaign never
-- change after intake, so the rows the numbers count carry them, and counting offers, rejections
-- and dispositions by campaign needs no join with the lead; the funnel's row carries when the lead
-- arrived, so a quarter's funnel joins a quarter of rows, not all of them.
ALTER TABLE lead_funnel ADD COLUMN received_at TIMESTAMP WITH TIME ZONE;
UPDATE lead_funnel SET received_at = (SELECT l.created_at FROM lead l WHERE l.id = lead_funnel.lead_id);
CREATE INDEX ix_lead_funnel_received ON lead_funnel (received_at);

ALTER TABLE lead_offer ADD COLUMN source VARCHAR(100);
ALTER TABLE lead_offer ADD COLUMN campaign VARCHAR(100);
UPDATE lead_offer SET source = (SELECT l.source FROM lead l WHERE l.id = lead_offer.lead_id),
    campaign = (SELECT l.campaign FROM lead l WHERE l.id = lead_offer.lead_id);

ALTER TABLE lead_rejection ADD COLUMN source VARCHAR(100);
ALTER TABLE lead_rejection ADD COLUMN campaign VARCHAR(100);
UPDATE lead_rejection SET source = (SELECT l.source FROM lead l WHERE l.id = lead_rejection.lead_id),
    campaign = (SELECT l.campaign FROM lead l WHERE l.id = lead_rejection.lead_id);

ALTER TABLE lead_disposition ADD COLUMN source VARCHAR(100);
ALTER TABLE lead_disposition ADD COLUMN campaign VARCHAR(100);
UPDATE lead_disposition SET source = (SELECT l.source FROM lead l WHERE l.id = lead_disposition.lead_id),
    campaign = (SELECT l.campaign FROM lead l WHERE l.id = lead_disposition.lead_id);
