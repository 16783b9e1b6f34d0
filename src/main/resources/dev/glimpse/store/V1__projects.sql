-- Glimpse project database, version 1: clips, annotators, events (onset/apex/offset and their coding),
-- action units, and ATM-GCN analyses tied to the weights' checksum.
CREATE TABLE clips (
    id            INTEGER PRIMARY KEY,
    path          TEXT    NOT NULL UNIQUE,
    size_bytes    INTEGER NOT NULL,
    sha256        TEXT    NOT NULL,
    fps           REAL    NOT NULL,
    frame_count   INTEGER NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    added_at      TEXT    NOT NULL
);
CREATE TABLE annotators (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    clip_id       INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    onset         INTEGER NOT NULL,
    apex          INTEGER NOT NULL,
    offset        INTEGER NOT NULL,
    scheme        TEXT,
    label         TEXT,
    confidence    REAL,
    notes         TEXT    NOT NULL DEFAULT '',
    annotator_id  INTEGER REFERENCES annotators(id),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    CHECK (onset < apex AND apex <= offset),
    CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1))
);
CREATE INDEX events_by_clip ON events(clip_id, onset);
CREATE TABLE event_action_units (
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    unit       TEXT    NOT NULL,
    intensity  TEXT    CHECK (intensity IS NULL OR intensity IN ('A', 'B', 'C', 'D', 'E')),
    PRIMARY KEY (event_id, unit)
);
CREATE TABLE analyses (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    weights_sha256  TEXT    NOT NULL,
    weights_name    TEXT    NOT NULL,
    trained         INTEGER NOT NULL,
    preset          TEXT    NOT NULL,
    device          TEXT    NOT NULL,
    millis          INTEGER NOT NULL,
    classes         TEXT    NOT NULL,
    probabilities   TEXT    NOT NULL,
    predicted       TEXT    NOT NULL,
    created_at      TEXT    NOT NULL
);
CREATE INDEX analyses_by_event ON analyses(event_id, created_at);
