-- A contact has at most one open lead, guaranteed by the database: open_contact_id is the
-- contact while the lead is open and NULL once it is closed, and NULLs do not collide.
-- Two requests for a returning contact at the same moment can no longer both make a lead.
ALTER TABLE lead ADD COLUMN open_contact_id VARCHAR(36);

-- where earlier races left twins, the newest open lead is the contact's open lead
UPDATE lead SET open_contact_id = contact_id
WHERE closed_at IS NULL
  AND id = (SELECT twin.id FROM lead twin
            WHERE twin.contact_id = lead.contact_id AND twin.closed_at IS NULL
            ORDER BY twin.created_at DESC, twin.id DESC
            FETCH FIRST 1 ROWS ONLY);

CREATE UNIQUE INDEX ux_lead_open_contact ON lead (open_contact_id);
