-- Leadflow's data generator (docs/performance.md, "A million leads"): :leads leads spread over the
-- two years before now, with their contacts, accounts, funnel stages, offers, rejections, missed
-- deadlines, dispositions, history lines and engagements — straight into Leadflow's tables, not
-- through the lifecycle (these leads have no process instance). Deterministic: the same :leads
-- gives the same data. PostgreSQL.
--
--   psql -v leads=1000000 -f bench/metrics/generate.sql leadflow_bench
--
-- The teams and reps are the demo identities of application.yaml, so the pages show names. Rows
-- go in in time order, as a running Leadflow writes them (it only ever appends), so that each
-- table lies on disk as it would in production.
\set ON_ERROR_STOP on
SELECT setseed(0.1326);

CREATE TEMP TABLE gen_team (n INT PRIMARY KEY, team TEXT, rep_a TEXT, rep_b TEXT, share_from NUMERIC, share_to NUMERIC);
INSERT INTO gen_team VALUES
    (0, 'territory-emea', 'emma', 'elias', 0.00, 0.30),
    (1, 'territory-na', 'nora', 'nate', 0.30, 0.60),
    (2, 'territory-apac', 'asha', 'akira', 0.60, 0.80),
    (3, 'partner-northwind', 'pia', 'paul', 0.80, 0.90),
    (4, 'partner-contoso', 'carl', 'cleo', 0.90, 1.00);

-- one row per lead with every random choice made once
CREATE TEMP TABLE gen AS
SELECT i,
       'gen-' || lpad(i::text, 9, '0') AS id,
       now() - (random() * interval '730 days') AS created_at,
       random() AS r_stage, random() AS r_team, random() AS r_rep, random() AS r_outcome, random() AS r_source,
       random() AS r_speed, random() AS r_detour, (random() * 100000)::int AS value_units,
       (i % greatest(:leads / 10, 1)) AS account_n
FROM generate_series(1, :leads) AS i;

ALTER TABLE gen ADD COLUMN stage TEXT, ADD COLUMN team TEXT, ADD COLUMN owner TEXT, ADD COLUMN other_rep TEXT,
    ADD COLUMN status TEXT, ADD COLUMN source TEXT, ADD COLUMN campaign TEXT, ADD COLUMN detour TEXT,
    ADD COLUMN routed_at TIMESTAMPTZ, ADD COLUMN accepted_at TIMESTAMPTZ, ADD COLUMN closed_at TIMESTAMPTZ;

UPDATE gen SET
    stage = CASE WHEN r_stage < 0.12 THEN 'CULTIVATING' WHEN r_stage < 0.18 THEN 'DORMANT'
                 WHEN r_stage < 0.20 THEN 'DISQUALIFIED' ELSE 'SALES' END,
    source = (ARRAY['web', 'web', 'web', 'webinar', 'webinar', 'trade-show', 'content', 'content',
                    'partner-referral', 'purchased-list'])[1 + floor(r_source * 10)::int],
    campaign = 'Campaign ' || to_char(created_at, 'YYYY') || '-Q' || to_char(created_at, 'Q') || '-'
               || (1 + (i % 6))::text;

UPDATE gen g SET
    team = t.team,
    owner = CASE WHEN g.r_rep < 0.5 THEN t.rep_a ELSE t.rep_b END,
    other_rep = CASE WHEN g.r_rep < 0.5 THEN t.rep_b ELSE t.rep_a END,
    -- 8 % rejected once before another rep took them, 4 % whose first deadline passed
    detour = CASE WHEN g.r_detour < 0.08 THEN 'REJECTED' WHEN g.r_detour < 0.12 THEN 'MISSED' END,
    -- a lead is routed minutes after it arrives; accepted minutes to hours later
    routed_at = g.created_at + interval '2 minutes',
    accepted_at = g.created_at + interval '2 minutes' + (g.r_speed * g.r_speed * interval '8 hours')
FROM gen_team t
WHERE g.stage = 'SALES' AND g.r_team >= t.share_from AND g.r_team < t.share_to;

UPDATE gen SET
    status = CASE
        WHEN stage <> 'SALES' THEN stage
        -- the last two days: many still wait for an answer
        WHEN created_at > now() - interval '2 days' AND r_outcome < 0.5 THEN 'ROUTED'
        WHEN r_outcome < 0.30 THEN 'WON'
        WHEN r_outcome < 0.55 THEN 'LOST'
        WHEN r_outcome < 0.65 THEN 'NOT_A_LEAD'
        ELSE 'ACCEPTED' END;
UPDATE gen SET accepted_at = NULL WHERE status = 'ROUTED';
UPDATE gen SET closed_at = LEAST(accepted_at + (r_outcome * interval '60 days'), now())
WHERE status IN ('WON', 'LOST', 'NOT_A_LEAD');
UPDATE gen SET closed_at = created_at + interval '1 hour' WHERE status = 'DISQUALIFIED';

INSERT INTO account (id, domain, name, country, industry, employees, owner_id, created_at)
SELECT 'gen-account-' || n, 'gen-' || n || '.example', 'Generated Account ' || n,
       (ARRAY['DE', 'GB', 'FR', 'US', 'CA', 'JP', 'IN', 'AU'])[1 + n % 8], 'Software', 50 + n % 5000, NULL,
       now() - interval '731 days'
FROM generate_series(0, greatest(:leads / 10, 1) - 1) AS n;

INSERT INTO contact (id, account_id, email, first_name, last_name, title, role_level, created_at)
SELECT 'gen-contact-' || i, 'gen-account-' || account_n, 'person' || i || '@gen-' || account_n || '.example',
       'Person', 'No. ' || i, 'Buyer', (ARRAY['EXECUTIVE', 'MANAGER', 'PRACTITIONER', 'OTHER'])[1 + i % 4], created_at
FROM gen ORDER BY created_at;

INSERT INTO lead (id, contact_id, account_id, source, campaign, product_interest, status, score, grade, team, owner_id,
                  deal_value, created_at, updated_at, closed_at, cultivated_at, cultivation_loops, cultivating_since,
                  open_contact_id)
SELECT id, 'gen-contact-' || i, 'gen-account-' || account_n, source, campaign, 'Platform', status,
       (r_speed * 100)::int, (ARRAY['A', 'B', 'C', 'D'])[1 + i % 4], team, owner,
       CASE WHEN status = 'WON' THEN value_units END, created_at, COALESCE(closed_at, accepted_at, created_at), closed_at,
       CASE WHEN stage IN ('CULTIVATING', 'DORMANT') THEN created_at + interval '1 minute' END,
       CASE WHEN stage IN ('CULTIVATING', 'DORMANT') THEN 1 ELSE 0 END,
       CASE WHEN stage = 'CULTIVATING' THEN created_at + interval '1 minute' END,
       CASE WHEN closed_at IS NULL THEN 'gen-contact-' || i END
FROM gen ORDER BY created_at;

INSERT INTO lead_funnel (lead_id, received_at, sales_ready_at, cultivated_at, routed_at, accepted_at, rejected_at,
                         dormant_at)
SELECT id, created_at, CASE WHEN stage = 'SALES' THEN created_at + interval '1 minute' END,
       CASE WHEN stage IN ('CULTIVATING', 'DORMANT') THEN created_at + interval '1 minute' END,
       routed_at, accepted_at, CASE WHEN detour = 'REJECTED' THEN routed_at + interval '30 minutes' END,
       CASE WHEN stage = 'DORMANT' THEN created_at + interval '90 days' END
FROM gen ORDER BY created_at;

-- the first offer of a detoured lead went to the other rep, who rejected it or let it pass
INSERT INTO lead_offer (lead_id, source, campaign, team, rep_id, offered_at, answer, answered_at, seconds_to_answer)
SELECT * FROM (
    SELECT id, source, campaign, team, other_rep, routed_at AS offered_at, detour, routed_at + interval '30 minutes',
           1800::bigint
    FROM gen WHERE detour IS NOT NULL
    UNION ALL
    SELECT id, source, campaign, team, owner, CASE WHEN detour IS NULL THEN routed_at ELSE routed_at + interval '30 minutes' END,
           CASE WHEN accepted_at IS NOT NULL THEN 'ACCEPTED' END,
           accepted_at + CASE WHEN detour IS NULL THEN interval '0' ELSE interval '30 minutes' END,
           CASE WHEN accepted_at IS NOT NULL THEN extract(epoch FROM accepted_at - routed_at)::bigint END
    FROM gen WHERE stage = 'SALES') AS offers
ORDER BY offered_at;

INSERT INTO lead_rejection (lead_id, source, campaign, rep_id, team, reason, comment, rejected_at)
SELECT id, source, campaign, other_rep, team, (ARRAY['NOT_READY', 'ALREADY_WORKING', 'WRONG_TERRITORY', 'BAD_CONTACT', 'NOT_A_LEAD',
       'OTHER'])[1 + i % 6], 'generated', routed_at + interval '30 minutes'
FROM gen WHERE detour = 'REJECTED' ORDER BY routed_at;
INSERT INTO lead_breach (lead_id, rep_id, team, kind, breached_at)
SELECT id, other_rep, team, 'ACCEPTANCE', routed_at + interval '30 minutes' FROM gen WHERE detour = 'MISSED'
ORDER BY routed_at;

INSERT INTO lead_disposition (lead_id, source, campaign, outcome, lost_reason, deal_value, rep_id, team, reported_at,
                              account_score)
SELECT id, source, campaign, status, CASE WHEN status = 'LOST' THEN (ARRAY['TIMING', 'COMPETITOR', 'PRICE', 'NO_DECISION', 'OTHER'])[1 + i % 5] END,
       CASE WHEN status = 'WON' THEN value_units END, owner, team, closed_at, 1 + i % 10
FROM gen WHERE status IN ('WON', 'LOST', 'NOT_A_LEAD') ORDER BY closed_at;

-- every offer was a task for its rep, whom that lets see the lead (V17)
INSERT INTO lead_assignee (user_id, lead_id, first_assigned_at)
SELECT rep_id, lead_id, MIN(offered_at) FROM lead_offer WHERE lead_id LIKE 'gen-%' GROUP BY rep_id, lead_id;

-- each lead's history: received, and where it stands now
INSERT INTO lead_history (lead_id, occurred_at, actor, type, detail)
SELECT * FROM (
    SELECT id, created_at AS occurred_at, 'intake', 'RECEIVED', 'generated' FROM gen
    UNION ALL
    SELECT id, COALESCE(closed_at, accepted_at, routed_at, created_at + interval '1 minute'), COALESCE(owner, 'leadflow'),
           CASE status WHEN 'CULTIVATING' THEN 'CULTIVATION_STARTED' ELSE status END, 'generated'
    FROM gen) AS lines
ORDER BY occurred_at;

-- two engagements per lead, at its arrival and nine days later
INSERT INTO engagement (id, dedupe_key, lead_id, contact_id, account_id, type, occurred_at, detail, intent_points,
                        depth_points, received_at, received_by)
SELECT 'gen-engagement-' || g.i || '-' || k, 'gen-' || g.i || '-' || k, g.id, 'gen-contact-' || g.i,
       'gen-account-' || g.account_n, (ARRAY['EMAIL_CLICK', 'SITE_VISIT', 'WEBINAR', 'DOWNLOAD', 'MEETING'])[1 + (g.i + k) % 5],
       LEAST(g.created_at + ((k - 1) * interval '9 days'), now()), NULL, 1 + (g.i + k) % 5, 1 + (g.i * k) % 4,
       LEAST(g.created_at + ((k - 1) * interval '9 days'), now()), 'intake'
FROM gen g CROSS JOIN generate_series(1, 2) AS k
ORDER BY 7;

ANALYZE;
SELECT count(*) AS leads_now FROM lead;
