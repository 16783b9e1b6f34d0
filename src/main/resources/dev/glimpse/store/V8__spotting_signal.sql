-- Glimpse project database, version 8: the motion signal of each spotting run (float32, little-endian, one value per
-- frame index from signal_first; NaN where no face), so that a reopened project and a session report can draw it.
ALTER TABLE spotting_runs ADD COLUMN signal BLOB;
ALTER TABLE spotting_runs ADD COLUMN signal_first INTEGER;
