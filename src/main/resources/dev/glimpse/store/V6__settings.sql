-- Glimpse project database, version 6: the project's own settings (e.g. whether coders code blind), by name.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
