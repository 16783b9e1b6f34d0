-- Glimpse project database, version 4: what an analysis could not know, kept with it: the face box used and
-- whether a face was detected there, the facial movement in the interval and its threshold, and the temperature
-- the probabilities were calibrated with (null: none). Analyses saved before have none of these (null).
ALTER TABLE analyses ADD COLUMN face_x INTEGER;
ALTER TABLE analyses ADD COLUMN face_y INTEGER;
ALTER TABLE analyses ADD COLUMN face_size INTEGER;
ALTER TABLE analyses ADD COLUMN face_detected INTEGER;
ALTER TABLE analyses ADD COLUMN movement_score REAL;
ALTER TABLE analyses ADD COLUMN movement_threshold REAL;
ALTER TABLE analyses ADD COLUMN temperature REAL;
