-- The plain-text part of each mail sent, so what Leadflow told whom can be read again after a
-- restart (GET /api/mails), not only while the SMTP server still holds it.
ALTER TABLE mail_sent ADD COLUMN body_text VARCHAR(100000);
