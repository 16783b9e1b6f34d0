package dev.glimpse.dataset;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A class set of spec section 8 and how a dataset's emotion labels fall into it. Labels are compared
 * lower-cased and trimmed ("Others" and "others" are one label); a label outside the scheme is left out.
 *
 * @param name the name used on the command line
 * @param classes the classes, in the network's output order
 * @param labels lower-cased dataset label to class
 */
public record ClassScheme(String name, List<String> classes, Map<String, String> labels) {

    public static final List<String> NAMES = List.of("casme2-5", "casme2-3", "samm-5", "samm-3", "megc-3",
            "casme3-7", "casme3-4");

    private static final List<String> THREE = List.of("negative", "positive", "surprise");

    public ClassScheme {
        classes = List.copyOf(classes);
        labels = Map.copyOf(labels);
    }

    public static ClassScheme named(String name) {
        return switch (name) {
            case "casme2-5" -> new ClassScheme(name, List.of("happiness", "disgust", "repression", "surprise", "others"),
                    Map.of("happiness", "happiness", "disgust", "disgust", "repression", "repression",
                            "surprise", "surprise", "others", "others"));
            // single-dataset 3-class: negative = repression + disgust + fear + sadness
            case "casme2-3" -> new ClassScheme(name, THREE, Map.of("happiness", "positive", "surprise", "surprise",
                    "repression", "negative", "disgust", "negative", "fear", "negative", "sadness", "negative"));
            case "samm-5" -> new ClassScheme(name, List.of("anger", "happiness", "surprise", "contempt", "other"),
                    Map.of("anger", "anger", "happiness", "happiness", "surprise", "surprise", "contempt", "contempt",
                            "other", "other"));
            case "samm-3" -> new ClassScheme(name, THREE, Map.of("happiness", "positive", "surprise", "surprise",
                    "anger", "negative", "contempt", "negative", "disgust", "negative", "fear", "negative",
                    "sadness", "negative"));
            // the MEGC2019 Composite: CASME II negative is disgust + repression only; SMIC's folders are the classes
            case "megc-3" -> new ClassScheme(name, THREE, Map.ofEntries(Map.entry("happiness", "positive"),
                    Map.entry("surprise", "surprise"), Map.entry("disgust", "negative"), Map.entry("repression", "negative"),
                    Map.entry("anger", "negative"), Map.entry("contempt", "negative"), Map.entry("fear", "negative"),
                    Map.entry("sadness", "negative"), Map.entry("negative", "negative"), Map.entry("positive", "positive")));
            case "casme3-7" -> new ClassScheme(name, List.of("happy", "disgust", "fear", "anger", "sad", "surprise", "others"),
                    Map.of("happy", "happy", "disgust", "disgust", "fear", "fear", "anger", "anger", "sad", "sad",
                            "surprise", "surprise", "others", "others"));
            case "casme3-4" -> new ClassScheme(name, List.of("positive", "negative", "surprise", "others"),
                    Map.of("happy", "positive", "disgust", "negative", "fear", "negative", "anger", "negative",
                            "sad", "negative", "surprise", "surprise", "others", "others"));
            default -> throw new IllegalArgumentException("unknown class scheme '" + name + "'; known schemes: "
                    + String.join(", ", NAMES));
        };
    }

    /** The class of a dataset label, or empty when the scheme leaves it out. */
    public Optional<String> classOf(String label) {
        return Optional.ofNullable(labels.get(label.trim().toLowerCase(Locale.ROOT)));
    }

    public int indexOf(String className) {
        int k = classes.indexOf(className);
        if (k < 0) {
            throw new IllegalArgumentException("class '" + className + "' is not in scheme " + name);
        }
        return k;
    }
}
