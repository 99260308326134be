-- Report cards (docs/metrics.md) count what each rep did in a week: the offers answered and the
-- deadlines missed in it, found by when they happened.
CREATE INDEX ix_lead_offer_answered ON lead_offer (answered_at);
CREATE INDEX ix_lead_breach_breached ON lead_breach (breached_at);
