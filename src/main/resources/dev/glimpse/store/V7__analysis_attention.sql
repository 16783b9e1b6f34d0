-- Glimpse project database, version 7: where the network looked, kept with its reading: the first CA block's
-- attention maps averaged over the frame-pair nodes, normalised to 0-1, as JSON {"width", "height", "values"}, so that
-- a session report can lay it over the face without running the network again. Analyses saved before have none.
ALTER TABLE analyses ADD COLUMN attention TEXT;
