-- Cultivation in the numbers (docs/metrics.md): when a lead first went dormant and was woken,
-- and when it was first ready for sales again after cultivation (the loops are lead.cultivation_loops).
ALTER TABLE lead_funnel ADD COLUMN dormant_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE lead_funnel ADD COLUMN woken_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE lead_funnel ADD COLUMN requalified_at TIMESTAMP WITH TIME ZONE;

UPDATE lead_funnel SET
    dormant_at = (SELECT MIN(h.occurred_at) FROM lead_history h WHERE h.lead_id = lead_funnel.lead_id
        AND h.type = 'DORMANT'),
    woken_at = (SELECT MIN(h.occurred_at) FROM lead_history h WHERE h.lead_id = lead_funnel.lead_id
        AND h.type = 'WOKEN_UP'),
    requalified_at = (SELECT MIN(h.occurred_at) FROM lead_history h WHERE h.lead_id = lead_funnel.lead_id
        AND h.type IN ('ROUTED', 'NO_ELIGIBLE_REP', 'ASSIGNED_BY_MANAGER', 'OFFERED_TO_TEAM')
        AND h.occurred_at > lead_funnel.cultivated_at);
