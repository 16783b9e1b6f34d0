package dev.glimpse.annotation;

/**
 * An interval the spotter proposed on a clip, as the project keeps it: onset, apex and offset (the clip's frame
 * numbers), its score and kind ({@code micro} or {@code macro}), and what the person made of it: {@code open},
 * {@code accepted} (then {@code eventId} is the event it became) or {@code rejected}.
 */
public record Proposal(long id, long clipId, int onset, int apex, int offset, double score, String kind, String status,
                       Long eventId) {
    public static final String OPEN = "open";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    public Proposal {
        if (!(onset <= apex && apex <= offset)) {
            throw new IllegalArgumentException("not onset <= apex <= offset: " + onset + ", " + apex + ", " + offset);
        }
        if (!"micro".equals(kind) && !"macro".equals(kind)) {
            throw new IllegalArgumentException("kind must be micro or macro: " + kind);
        }
        if (!OPEN.equals(status) && !ACCEPTED.equals(status) && !REJECTED.equals(status)) {
            throw new IllegalArgumentException("status must be open, accepted or rejected: " + status);
        }
    }

    public Proposal withStatus(String newStatus, Long event) {
        return new Proposal(id, clipId, onset, apex, offset, score, kind, newStatus, event);
    }

    /** "30-35-43" as events are named. */
    public String frames() {
        return onset + "-" + apex + "-" + offset;
    }
}
