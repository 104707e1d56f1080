-- The record as its reader decoded it: replay maps it again without re-reading the raw text, which
-- for a CSV row lacks the header and for an XML element its document.
ALTER TABLE quarantine ADD COLUMN source_tree jsonb;
