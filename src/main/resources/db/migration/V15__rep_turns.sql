-- Each routing's round-robin turn (docs/performance.md, "Speed-to-lead"). The turn is taken in a
-- transaction of its own, so the team's rotation rows are locked only for the pick itself, not for
-- the rest of the routing step; a routing step that fails and is retried finds its turn here and
-- takes the same rep again, so a failure neither skips a rep nor counts a lead twice.
-- routing_no: how many times the lead had been routed to a rep before this routing.
CREATE TABLE rep_turn (
    lead_id     VARCHAR(36) NOT NULL,
    routing_no  INTEGER     NOT NULL,
    team        VARCHAR(64) NOT NULL,
    rep_id      VARCHAR(64) NOT NULL,
    taken_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (lead_id, routing_no)
);
