package dev.glimpse.spotting;

/**
 * A true interval of a spotting dataset: which subject and video, {@code micro} or {@code macro}, and its onset,
 * apex (-1 where the dataset did not annotate one) and offset in the video's own frame numbers.
 */
public record TrueInterval(String subject, String video, String kind, int onset, int apex, int offset) {
    public TrueInterval {
        if (!Proposal.MICRO.equals(kind) && !Proposal.MACRO.equals(kind)) {
            throw new IllegalArgumentException("kind must be micro or macro, not '" + kind + "'");
        }
        if (onset < 0 || offset < onset || (apex != -1 && (apex < onset || apex > offset))) {
            throw new IllegalArgumentException("not 0 <= onset <= apex <= offset: " + onset + ", " + apex + ", " + offset);
        }
    }
}
