-- The account's Quality of Engagement when the rep reported the outcome (docs/metrics.md), kept
-- with the disposition: the score of won accounts beside lost ones is then an average of a column,
-- not a score recomputed from every engagement for every disposition of the period. Dispositions
-- reported before this version have none.
ALTER TABLE lead_disposition ADD COLUMN account_score INTEGER;
