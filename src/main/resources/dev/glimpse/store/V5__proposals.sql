-- Glimpse project database, version 5: what the spotter proposed on a clip, and what the person made of it.
-- A proposal is open, accepted (then event_id names the event it became) or rejected; a new run over a clip
-- replaces its open proposals and keeps the accepted and rejected ones. spotting_runs keeps how each run was made.
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    onset INTEGER NOT NULL,
    apex INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    score REAL NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('micro', 'macro')),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
    event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
    CHECK (onset <= apex AND apex <= offset)
);
CREATE INDEX proposals_by_clip ON proposals(clip_id, onset);
CREATE TABLE spotting_runs (
    id INTEGER PRIMARY KEY,
    clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    first_frame INTEGER NOT NULL,
    last_frame INTEGER NOT NULL,
    parameters TEXT NOT NULL,
    proposals INTEGER NOT NULL,
    faceless_frames INTEGER NOT NULL,
    run_at TEXT NOT NULL
);
