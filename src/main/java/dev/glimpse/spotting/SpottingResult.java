package dev.glimpse.spotting;

import java.util.List;

/**
 * What a spotting run found in a range of a clip: its proposals, sorted by onset; how many frames it looked at
 * and in how many no face was found (those frames are skipped, never read as movement); the blinks it recognised
 * and set aside; and how long it took.
 */
public record SpottingResult(List<Proposal> proposals, int frames, int facelessFrames, int blinks, long millis) {
    public SpottingResult {
        proposals = List.copyOf(proposals);
    }

    /** The proposals of one kind ({@code micro}, {@code macro}), or all of them ({@code all}). */
    public List<Proposal> ofKind(String kind) {
        return "all".equals(kind) ? proposals : proposals.stream().filter(p -> p.kind().equals(kind)).toList();
    }
}
