-- The engine's side of the million-lead database (docs/performance.md, "A million leads: the
-- engine's tables"). Run after bench/metrics/generate.sql, with the app stopped, on a database where
-- the running app made two template leads for emma through the real lifecycle: one waiting in
-- ReviewLead (:review), one accepted and waiting in ReportDisposition (:report).
--
--   psql -v running=100000 -v review=<lead id> -v report=<lead id> -f bench/million/engine.sql leadflow_million
--
-- The newest :running generated leads that are ROUTED or ACCEPTED get a running lifecycle: every
-- engine row of the matching template instance (executions, task, variables and their byte arrays,
-- timers, the task's authorization, and the instance's whole history: activities, tasks, variables,
-- details, decisions, job log, operation log) copied, with the template's ids, lead, rep, team,
-- company and contact replaced by the generated lead's and its times moved to the lead's. Every
-- other generated lead gets its lifecycle in the history tables only: the process instance, one
-- historic ReviewLead task per offer (lead_offer) and a ReportDisposition task for a closed lead —
-- what the visibility of GET /api/leads and the dossier read. The timers of the copies are put
-- 30 days on, so that the measurement is not a timer storm.
\set ON_ERROR_STOP on

CREATE TEMP TABLE clone_param AS
SELECT :'review'::text AS review_lead, :'report'::text AS report_lead, :running::int AS running;

-- a copy's ids keep the template's, with the UUID's node (its last 12 hex digits) made the copy's
-- number: the same length (some activity instance ids use 63 of their 64 characters), unique, and
-- never a node the engine makes ids with
CREATE FUNCTION pg_temp.clone_id(id text, n int) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT regexp_replace(id, '[0-9a-f]{12}$', 'c10e' || lpad(to_hex(n), 8, '0')) $$;

CREATE TEMP TABLE template AS
SELECT kind, l.id AS lead_id, p.id_ AS instance_id, p.start_time_ AS started, a.name AS company,
       c.first_name || ' ' || c.last_name AS contact, l.owner_id AS rep, l.team, tg.name_ AS team_name
FROM (VALUES ('ROUTED', (SELECT review_lead FROM clone_param)), ('ACCEPTED', (SELECT report_lead FROM clone_param))) AS k(kind, lead_id)
JOIN lead l ON l.id = k.lead_id
JOIN account a ON a.id = l.account_id
JOIN contact c ON c.id = l.contact_id
JOIN act_id_group tg ON tg.id_ = l.team
JOIN act_hi_procinst p ON p.business_key_ = l.id AND p.proc_def_key_ = 'lead-lifecycle';
DO $$ BEGIN
    IF (SELECT count(*) FROM template) <> 2 THEN
        RAISE EXCEPTION 'the two template leads (ReviewLead and ReportDisposition) with their lifecycles were not found';
    END IF;
END $$;

CREATE TEMP TABLE clone_target AS
SELECT row_number() OVER (ORDER BY l.created_at DESC, l.id)::int AS n, l.id AS lead_id, l.owner_id AS rep, l.team,
       l.status, a.name AS company, c.first_name || ' ' || c.last_name AS contact, g.name_ AS team_name,
       l.created_at::timestamp AS created_at
FROM lead l
JOIN account a ON a.id = l.account_id
JOIN contact c ON c.id = l.contact_id
LEFT JOIN act_id_group g ON g.id_ = l.team
WHERE l.id LIKE 'gen-%' AND l.status IN ('ROUTED', 'ACCEPTED') AND l.owner_id IS NOT NULL
ORDER BY l.created_at DESC, l.id
LIMIT (SELECT running FROM clone_param);
ALTER TABLE clone_target ADD PRIMARY KEY (n);

-- every row that belongs to a template instance, by table
CREATE TEMP TABLE template_row (tab text, id text, instance_id text);
DO $$
DECLARE
    t record;
    col text;
BEGIN
    FOR t IN SELECT table_name AS name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_name LIKE 'act\_%'
               AND table_name NOT IN ('act_ge_bytearray', 'act_ru_authorization', 'act_ru_meter_log', 'act_ru_task_meter_log')
    LOOP
        SELECT c.column_name INTO col FROM information_schema.columns c
        WHERE c.table_schema = current_schema() AND c.table_name = t.name
          AND c.column_name IN ('proc_inst_id_', 'process_instance_id_', 'root_proc_inst_id_')
        ORDER BY array_position(ARRAY['proc_inst_id_', 'process_instance_id_', 'root_proc_inst_id_'], c.column_name::text)
        LIMIT 1;
        CONTINUE WHEN col IS NULL OR NOT EXISTS (SELECT 1 FROM information_schema.columns c
            WHERE c.table_schema = current_schema() AND c.table_name = t.name AND c.column_name = 'id_');
        EXECUTE format('INSERT INTO template_row SELECT %L, s.id_, s.%I FROM %I s JOIN template tp ON tp.instance_id = s.%I',
                       t.name, col, t.name, col);
    END LOOP;
END $$;
-- the task's authorization for its assignee, and the byte arrays of the variables and job exceptions
INSERT INTO template_row
SELECT 'act_ru_authorization', a.id_, r.instance_id FROM act_ru_authorization a
JOIN template_row r ON r.tab = 'act_ru_task' AND r.id = a.resource_id_ AND a.resource_type_ = 7;
INSERT INTO template_row
SELECT DISTINCT 'act_ge_bytearray', b.id_, tp.instance_id FROM act_ge_bytearray b
JOIN (SELECT bytearray_id_ AS id, proc_inst_id_ AS instance_id FROM act_ru_variable
      UNION ALL SELECT bytearray_id_, proc_inst_id_ FROM act_hi_varinst
      UNION ALL SELECT bytearray_id_, proc_inst_id_ FROM act_hi_detail
      UNION ALL SELECT exception_stack_id_, process_instance_id_ FROM act_ru_job
      UNION ALL SELECT job_exception_stack_id_, process_instance_id_ FROM act_hi_job_log) AS ref ON ref.id = b.id_
JOIN template tp ON tp.instance_id = ref.instance_id;
-- the ids a copy must not share with its template: every row's and every activity instance's
CREATE TEMP TABLE template_id AS SELECT DISTINCT id FROM template_row UNION SELECT DISTINCT act_inst_id_ FROM act_ru_execution
    WHERE proc_inst_id_ IN (SELECT instance_id FROM template);
ALTER TABLE template_id ADD PRIMARY KEY (id);
SELECT tab, count(*) AS template_rows FROM template_row GROUP BY tab ORDER BY tab;

-- the copies, table by table, as one INSERT … SELECT each
DO $$
DECLARE
    t text;
    c record;
    cols text;
    exprs text;
BEGIN
    FOR t IN SELECT DISTINCT tab FROM template_row ORDER BY tab LOOP
        cols := '';
        exprs := '';
        FOR c IN SELECT column_name AS name, data_type AS type FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = t ORDER BY ordinal_position LOOP
            cols := cols || ', ' || quote_ident(c.name);
            exprs := exprs || ', ' || CASE
                WHEN c.type = 'character varying' OR c.type = 'text' THEN format(
                    'CASE WHEN s.%1$I IS NULL THEN NULL'
                    ' WHEN s.%1$I IN (SELECT id FROM template_id) THEN pg_temp.clone_id(s.%1$I, g.n)'
                    ' WHEN s.%1$I = tp.lead_id THEN g.lead_id WHEN s.%1$I = tp.rep THEN g.rep'
                    ' WHEN s.%1$I = tp.team THEN g.team WHEN s.%1$I = tp.team_name THEN g.team_name'
                    ' ELSE replace(replace(s.%1$I, tp.company, g.company), tp.contact, g.contact) END', c.name)
                WHEN c.type LIKE 'timestamp%' AND t = 'act_ru_job' AND c.name = 'duedate_' THEN
                    format('s.%I + interval ''30 days''', c.name)
                WHEN c.type LIKE 'timestamp%' THEN format('s.%1$I + (g.created_at - tp.started)', c.name)
                ELSE format('s.%I', c.name) END;
        END LOOP;
        EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM %I s'
                       ' JOIN template_row r ON r.tab = %L AND r.id = s.id_'
                       ' JOIN template tp ON tp.instance_id = r.instance_id'
                       ' JOIN clone_target g ON g.status = tp.kind',
                       t, substr(cols, 3), substr(exprs, 3), t, t);
        RAISE NOTICE '% copied', t;
    END LOOP;
END $$;

-- every other generated lead: its lifecycle in history only
CREATE TEMP TABLE lifecycle AS
SELECT id_ AS definition_id, coalesce(history_ttl_, 180) AS ttl_days FROM act_re_procdef
WHERE key_ = 'lead-lifecycle' ORDER BY version_ DESC LIMIT 1;
CREATE TEMP TABLE history_only AS
SELECT l.id, l.status, l.owner_id, l.created_at::timestamp AS created_at, l.closed_at::timestamp AS closed_at
FROM lead l WHERE l.id LIKE 'gen-%' AND NOT EXISTS (SELECT 1 FROM clone_target g WHERE g.lead_id = l.id);
INSERT INTO act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_,
                             removal_time_, duration_, start_act_id_, end_act_id_, root_proc_inst_id_, state_)
SELECT 'pi-' || h.id, 'pi-' || h.id, h.id, 'lead-lifecycle', lc.definition_id, h.created_at, h.closed_at,
       h.closed_at + lc.ttl_days * interval '1 day', (extract(epoch FROM h.closed_at - h.created_at) * 1000)::bigint,
       'Start_LeadReceived', CASE h.status WHEN 'WON' THEN 'End_LeadWon' WHEN 'LOST' THEN 'End_LeadLost'
       WHEN 'NOT_A_LEAD' THEN 'End_NotALead' WHEN 'DISQUALIFIED' THEN 'End_DisqualifiedByRules' END, 'pi-' || h.id,
       CASE WHEN h.closed_at IS NOT NULL THEN 'COMPLETED' ELSE 'ACTIVE' END
FROM history_only h CROSS JOIN lifecycle lc
ORDER BY h.created_at;
-- one ReviewLead per offer (for a copied lead only the offers its template has not: the detours)
INSERT INTO act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
                             execution_id_, act_inst_id_, name_, assignee_, start_time_, end_time_, duration_,
                             delete_reason_, priority_, removal_time_, task_state_)
SELECT 'to-' || o.id, 'ReviewLead', 'lead-lifecycle', lc.definition_id, p.id_, p.id_, p.id_, 'ReviewLead:to-' || o.id,
       'Accept or reject lead', o.rep_id, o.offered_at::timestamp, o.answered_at::timestamp,
       (extract(epoch FROM o.answered_at - o.offered_at) * 1000)::bigint,
       CASE WHEN o.answered_at IS NOT NULL THEN 'completed' END, 50, p.removal_time_,
       CASE WHEN o.answered_at IS NOT NULL THEN 'Completed' ELSE 'Created' END
FROM lead_offer o
JOIN lead l ON l.id = o.lead_id
JOIN act_hi_procinst p ON p.business_key_ = o.lead_id AND p.proc_def_key_ = 'lead-lifecycle'
CROSS JOIN lifecycle lc
WHERE o.lead_id LIKE 'gen-%'
  AND (p.id_ LIKE 'pi-%' OR o.rep_id IS DISTINCT FROM l.owner_id)
ORDER BY o.offered_at;
INSERT INTO act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
                             execution_id_, act_inst_id_, name_, assignee_, start_time_, end_time_, duration_,
                             delete_reason_, priority_, removal_time_, task_state_)
SELECT 'td-' || h.id, 'ReportDisposition', 'lead-lifecycle', lc.definition_id, 'pi-' || h.id, 'pi-' || h.id,
       'pi-' || h.id, 'ReportDisposition:td-' || h.id, 'Report disposition', h.owner_id, h.closed_at - interval '1 day',
       h.closed_at, 86400000, 'completed', 50, h.closed_at + lc.ttl_days * interval '1 day', 'Completed'
FROM history_only h CROSS JOIN lifecycle lc
WHERE h.status IN ('WON', 'LOST', 'NOT_A_LEAD') AND h.owner_id IS NOT NULL
ORDER BY h.closed_at;

-- the task holders the offers did not name (V18)
INSERT INTO lead_assignee (user_id, lead_id, first_assigned_at)
SELECT t.assignee_, p.business_key_, MIN(t.start_time_) FROM act_hi_taskinst t
JOIN act_hi_procinst p ON p.id_ = t.proc_inst_id_
WHERE t.assignee_ IS NOT NULL AND p.business_key_ LIKE 'gen-%'
  AND NOT EXISTS (SELECT 1 FROM lead_assignee a WHERE a.user_id = t.assignee_ AND a.lead_id = p.business_key_)
GROUP BY t.assignee_, p.business_key_;

ANALYZE;
SELECT (SELECT count(*) FROM act_ru_task) AS open_tasks, (SELECT count(*) FROM act_ru_execution) AS executions,
       (SELECT count(*) FROM act_ru_variable) AS variables, (SELECT count(*) FROM act_ru_job) AS jobs,
       (SELECT count(*) FROM act_hi_procinst) AS historic_instances, (SELECT count(*) FROM act_hi_taskinst) AS historic_tasks,
       (SELECT count(*) FROM act_hi_actinst) AS historic_activities, (SELECT count(*) FROM act_hi_varinst) AS historic_variables,
       (SELECT count(*) FROM act_hi_detail) AS historic_details;
