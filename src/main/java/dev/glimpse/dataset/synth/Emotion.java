package dev.glimpse.dataset.synth;

import static dev.glimpse.dataset.synth.ActionUnit.AU1;
import static dev.glimpse.dataset.synth.ActionUnit.AU10;
import static dev.glimpse.dataset.synth.ActionUnit.AU12;
import static dev.glimpse.dataset.synth.ActionUnit.AU14;
import static dev.glimpse.dataset.synth.ActionUnit.AU15;
import static dev.glimpse.dataset.synth.ActionUnit.AU17;
import static dev.glimpse.dataset.synth.ActionUnit.AU2;
import static dev.glimpse.dataset.synth.ActionUnit.AU20;
import static dev.glimpse.dataset.synth.ActionUnit.AU23;
import static dev.glimpse.dataset.synth.ActionUnit.AU24;
import static dev.glimpse.dataset.synth.ActionUnit.AU26;
import static dev.glimpse.dataset.synth.ActionUnit.AU4;
import static dev.glimpse.dataset.synth.ActionUnit.AU43;
import static dev.glimpse.dataset.synth.ActionUnit.AU5;
import static dev.glimpse.dataset.synth.ActionUnit.AU6;
import static dev.glimpse.dataset.synth.ActionUnit.AU7;
import static dev.glimpse.dataset.synth.ActionUnit.AU9;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The emotions the generator expresses, each through its action units (labels as CASME II writes them). */
public enum Emotion {
    HAPPINESS, SURPRISE, DISGUST, REPRESSION, SADNESS, FEAR, ANGER, OTHERS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Emotion parse(String label) {
        try {
            return valueOf(label.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown emotion '" + label + "'; use happiness, surprise, disgust,"
                    + " repression, sadness, fear, anger or others");
        }
    }

    /** The units of one expression of this emotion; repression and others choose among theirs. */
    public List<ActionUnit> actionUnits(Random random) {
        return switch (this) {
            case HAPPINESS -> List.of(AU6, AU12);
            case SURPRISE -> List.of(AU1, AU2, AU5, AU26);
            case DISGUST -> List.of(AU9, AU10);
            case REPRESSION -> {
                List<ActionUnit> pool = new ArrayList<>(List.of(AU14, AU17, AU24));
                java.util.Collections.shuffle(pool, random);
                yield List.copyOf(pool.subList(0, 1 + random.nextInt(2)));
            }
            case SADNESS -> List.of(AU1, AU4, AU15);
            case FEAR -> List.of(AU1, AU2, AU4, AU20);
            case ANGER -> List.of(AU4, AU7, AU23);
            case OTHERS -> List.of(new ActionUnit[] {AU4, AU7, AU43}[random.nextInt(3)]);
        };
    }
}
