-- Routing by availability: a manager marks a rep out of office or caps their open leads.
CREATE TABLE rep_availability (
    rep_id               VARCHAR(64) PRIMARY KEY,
    out_of_office_until  TIMESTAMP WITH TIME ZONE,
    capacity             INTEGER,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by           VARCHAR(64) NOT NULL
);

-- rejections made before a lead went back to cultivation no longer keep the rep from it
ALTER TABLE lead ADD COLUMN cultivated_at TIMESTAMP WITH TIME ZONE;

-- the team a rejecting rep was on, for the rejection figures per team
ALTER TABLE lead_rejection ADD COLUMN team VARCHAR(64);

CREATE INDEX ix_lead_owner_status ON lead (owner_id, status);
