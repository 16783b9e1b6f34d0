package dev.glimpse.spotting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The MEGC spotting protocol: in each video, a proposal is a hit when its IoU with a true interval of the same
 * kind that no proposal has matched yet is at least 0.5 (frames inclusive); each true interval is matched at
 * most once, proposals taken in order of onset and each matched to the unmatched interval it overlaps most.
 * Over a whole set, with A hits, M true intervals and N proposals: precision A/N, recall A/M and F1 2A/(M+N),
 * summed over every video first (never an average of per-video F1).
 */
public final class MegcScore {
    public static final double IOU = 0.5;

    /** Counts of one kind (or of both): hits, true intervals, proposals. */
    public record Counts(int tp, int m, int n) {
        public double precision() {
            return n == 0 ? 0 : tp / (double) n;
        }

        public double recall() {
            return m == 0 ? 0 : tp / (double) m;
        }

        public double f1() {
            return m + n == 0 ? 0 : 2.0 * tp / (m + n);
        }

        Counts plus(Counts o) {
            return new Counts(tp + o.tp, m + o.m, n + o.n);
        }
    }

    /** One line of the match log: a hit (both intervals), a false positive (no true one) or a miss (no proposal). */
    public record Match(String video, String kind, TrueInterval truth, Proposal proposal) {
        public String outcome() {
            return truth != null && proposal != null ? "TP" : proposal != null ? "FP" : "FN";
        }

        /** {@code video gt_on gt_off pred_on pred_off TP|FP|FN}, "-" where there is no interval. */
        public String line() {
            return String.join(" ", video, truth == null ? "-" : String.valueOf(truth.onset()),
                    truth == null ? "-" : String.valueOf(truth.offset()), proposal == null ? "-" : String.valueOf(proposal.onset()),
                    proposal == null ? "-" : String.valueOf(proposal.offset()), outcome());
        }
    }

    /** A video's result: its counts by kind and its match log. */
    public record Video(String video, Counts micro, Counts macro, List<Match> matches) {
        public Counts overall() {
            return micro.plus(macro);
        }
    }

    private MegcScore() {}

    /** IoU of two inclusive frame intervals. */
    public static double iou(int on1, int off1, int on2, int off2) {
        int inter = Math.max(0, Math.min(off1, off2) - Math.max(on1, on2) + 1);
        int union = (off1 - on1 + 1) + (off2 - on2 + 1) - inter;
        return union == 0 ? 0 : inter / (double) union;
    }

    /** Scores one video's proposals against its true intervals. */
    public static Video video(String video, List<TrueInterval> truth, List<Proposal> proposals) {
        List<Match> matches = new ArrayList<>();
        Counts[] counts = new Counts[2];
        String[] kinds = {Proposal.MICRO, Proposal.MACRO};
        for (int k = 0; k < 2; k++) {
            String kind = kinds[k];
            List<TrueInterval> t = truth.stream().filter(i -> i.kind().equals(kind)).toList();
            List<Proposal> p = proposals.stream().filter(i -> i.kind().equals(kind))
                    .sorted(Comparator.comparingInt(Proposal::onset).thenComparingInt(Proposal::offset)).toList();
            boolean[] used = new boolean[t.size()];
            int tp = 0;
            for (Proposal q : p) {
                int best = -1;
                double bestIou = IOU;
                for (int i = 0; i < t.size(); i++) {
                    double v = iou(t.get(i).onset(), t.get(i).offset(), q.onset(), q.offset());
                    if (!used[i] && v >= bestIou) {
                        best = i;
                        bestIou = v;
                    }
                }
                if (best >= 0) {
                    used[best] = true;
                    tp++;
                    matches.add(new Match(video, kind, t.get(best), q));
                } else {
                    matches.add(new Match(video, kind, null, q));
                }
            }
            for (int i = 0; i < t.size(); i++) {
                if (!used[i]) {
                    matches.add(new Match(video, kind, t.get(i), null));
                }
            }
            counts[k] = new Counts(tp, t.size(), p.size());
        }
        matches.sort(Comparator.comparingInt(MegcScore::start));
        return new Video(video, counts[0], counts[1], matches);
    }

    private static int start(Match m) {
        return m.truth() != null ? m.truth().onset() : m.proposal().onset();
    }

    /** The whole set's counts of one kind ({@code micro}, {@code macro}) or of both ({@code overall}). */
    public static Counts total(List<Video> videos, String kind) {
        Counts c = new Counts(0, 0, 0);
        for (Video v : videos) {
            c = c.plus(switch (kind) {
                case Proposal.MICRO -> v.micro();
                case Proposal.MACRO -> v.macro();
                default -> v.overall();
            });
        }
        return c;
    }

    /** "tp 3 · M 4 · N 5 · P 0.600 · R 0.750 · F1 0.667". */
    public static String describe(Counts c) {
        return String.format(Locale.ROOT, "tp %d · M %d · N %d · P %.3f · R %.3f · F1 %.3f", c.tp(), c.m(), c.n(),
                c.precision(), c.recall(), c.f1());
    }
}
