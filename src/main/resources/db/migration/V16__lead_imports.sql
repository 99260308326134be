-- Bulk imports (docs/import.md). The file's rows are kept as they were sent, each with its line,
-- until every one has an outcome: a batch that dies half-way rolls back with its leads, so the rows
-- it held are still without an outcome and the next try takes them again (no row lost, none doubled).
-- request_key: the file's SHA-256 with the whole-file source and campaign, so the same upload
-- sent twice is the same import.
CREATE TABLE lead_import (
    id            VARCHAR(36)  PRIMARY KEY,
    request_key   VARCHAR(64)  NOT NULL UNIQUE,
    file_name     VARCHAR(255),
    source        VARCHAR(100),
    campaign      VARCHAR(100),
    columns_json  TEXT         NOT NULL,
    requested_by  VARCHAR(64)  NOT NULL,
    total         INTEGER      NOT NULL,
    processed     INTEGER      NOT NULL DEFAULT 0,
    created       INTEGER      NOT NULL DEFAULT 0,
    duplicates    INTEGER      NOT NULL DEFAULT 0,
    failed        INTEGER      NOT NULL DEFAULT 0,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX lead_import_started ON lead_import (started_at);

-- outcome: null until processed; CREATED, DUPLICATE or FAILED. errors: JSON [{field, message}].
CREATE TABLE lead_import_row (
    import_id  VARCHAR(36) NOT NULL,
    line_no    INTEGER     NOT NULL,
    cells      TEXT        NOT NULL,
    outcome    VARCHAR(16),
    lead_id    VARCHAR(36),
    errors     TEXT,
    PRIMARY KEY (import_id, line_no)
);
CREATE INDEX lead_import_row_outcome ON lead_import_row (import_id, outcome, line_no);
