package dev.glimpse.dataset.synth;

/**
 * The FACS-like action units the generator can move, each as displacements of the face's landmarks per
 * unit intensity, in pixels at 224 x 224 before the clip's amplitude (1-3 px) scales them.
 */
public enum ActionUnit {
    AU1("inner brow raiser") { void apply(Pose p, double v) { p.innerBrowDy -= v; } },
    AU2("outer brow raiser") { void apply(Pose p, double v) { p.outerBrowDy -= v; } },
    AU4("brow lowerer") {
        void apply(Pose p, double v) {
            p.innerBrowDy += 0.8 * v;
            p.innerBrowDx += 0.8 * v;
            p.midBrowDy += 0.5 * v;
        }
    },
    AU5("upper lid raiser") { void apply(Pose p, double v) { p.upperLidDy -= 0.8 * v; } },
    AU6("cheek raiser") {
        void apply(Pose p, double v) {
            p.cheekDy -= v;
            p.lowerLidDy -= 0.6 * v;
            p.crowsFeet += 0.3 * v; // wrinkles fanning from the outer eye corners
        }
    },
    AU7("lid tightener") {
        void apply(Pose p, double v) {
            p.upperLidDy += 0.5 * v;
            p.lowerLidDy -= 0.6 * v;
        }
    },
    AU9("nose wrinkler") {
        void apply(Pose p, double v) {
            p.noseWingDy -= 0.8 * v;
            p.wrinkle += 0.3 * v;
            p.upperLipDy -= 0.3 * v;
        }
    },
    AU10("upper lip raiser") {
        void apply(Pose p, double v) {
            p.upperLipDy -= v;
            p.noseWingDy -= 0.3 * v;
            p.nasolabial += 0.15 * v; // the fold deepens in its upper part
        }
    },
    AU12("lip corner puller") {
        void apply(Pose p, double v) {
            p.cornerDy -= v;
            p.cornerDx += 0.8 * v;
            p.nasolabial += 0.3 * v; // the nasolabial fold deepens as the corners pull up and out
        }
    },
    AU14("dimpler") {
        void apply(Pose p, double v) {
            p.cornerDx -= 0.6 * v;
            p.dimple += 0.35 * v;
        }
    },
    AU15("lip corner depressor") { void apply(Pose p, double v) { p.cornerDy += v; } },
    AU17("chin raiser") {
        void apply(Pose p, double v) {
            p.lowerLipDy -= 0.8 * v;
            p.chinDy -= 0.8 * v;
        }
    },
    AU20("lip stretcher") {
        void apply(Pose p, double v) {
            p.cornerDx += 1.2 * v;
            p.cornerDy += 0.2 * v;
        }
    },
    AU23("lip tightener") { void apply(Pose p, double v) { p.lipThin += 0.8 * v; } },
    AU24("lip pressor") {
        void apply(Pose p, double v) {
            p.lipThin += 0.6 * v;
            p.lowerLipDy -= 0.4 * v;
        }
    },
    AU26("jaw drop") {
        void apply(Pose p, double v) {
            p.jawDrop += 1.5 * v;
            p.chinDy += v;
        }
    },
    /** Eyes closing: a blink, whatever the amplitude (the lids meet at full intensity). */
    AU43("eyes closed") { void apply(Pose p, double v) { p.blink += v / 3.0; } };

    private final String description;

    ActionUnit(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The number as FACS writes it ("12" for AU12). */
    public String number() {
        return name().substring(2);
    }

    /** Adds this unit at intensity {@code v} (amplitude times the clip's envelope) to the pose. */
    abstract void apply(Pose p, double v);

    /** Landmark displacements of one frame, in pixels at 224 x 224 (negative y is up). */
    static final class Pose {
        double innerBrowDy;
        double innerBrowDx;
        double outerBrowDy;
        double midBrowDy;
        double upperLidDy;
        double lowerLidDy;
        double cheekDy;
        double noseWingDy;
        double wrinkle;
        double upperLipDy;
        double lowerLipDy;
        double cornerDx;
        double cornerDy;
        double lipThin;
        double jawDrop;
        double chinDy;
        double dimple;
        double crowsFeet;
        double nasolabial;
        double blink;
        double headDx;
        double headDy;
        double brightness = 1;
    }
}
