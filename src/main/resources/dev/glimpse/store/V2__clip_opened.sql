-- Glimpse project database, version 2: when each clip was last opened, so that opening a project
-- brings back the clip the user was working on.
ALTER TABLE clips ADD COLUMN opened_at TEXT;
