package dev.glimpse.spotting;

/**
 * What the spotter looks for, kept with a project's proposals so that a reopened project says how they were made.
 *
 * @param microWindow seconds between a frame and the two it is compared with, for micro-expressions (longer than
 *                    the longest rise or fall of one)
 * @param macroWindow the same for macro-expressions; movements longer than this are not proposed whole
 * @param maxMicro the longest micro-expression, onset to offset, seconds (MEGC: 0.5 s)
 * @param maxMacro the longest macro-expression proposed, seconds; a longer stretch of movement is sustained
 *                 movement (talking, a head turning away), not proposed
 * @param sensitivity how many robust standard deviations (1.4826 MAD, over the last 20 s) of a region's own motion
 *                    noise its peak must stand above the noise's median
 * @param floor the least movement proposed whatever the noise, pixels of the {@value RegionFlow#SIDE}-pixel crop
 */
public record SpottingParameters(double microWindow, double macroWindow, double maxMicro, double maxMacro,
                                 double sensitivity, double floor) {
    public static final SpottingParameters DEFAULT = new SpottingParameters(0.4, 3.0, 0.5, 4.0, 6, 0.12);

    public SpottingParameters {
        if (!(microWindow > 0 && microWindow <= 2 && macroWindow > microWindow && macroWindow <= 10)) {
            throw new IllegalArgumentException("windows must satisfy 0 < micro <= 2 s < ... and micro < macro <= 10 s");
        }
        if (!(maxMicro > 0 && maxMicro <= 1 && maxMacro > maxMicro && maxMacro <= 20)) {
            throw new IllegalArgumentException("lengths must satisfy 0 < maxMicro <= 1 s and maxMicro < maxMacro <= 20 s");
        }
        if (!(sensitivity > 0 && sensitivity <= 100 && floor >= 0 && floor <= 10)) {
            throw new IllegalArgumentException("sensitivity must be in (0, 100] and floor in [0, 10]");
        }
    }

    /** These parameters with another sensitivity (the command line's and the window's one knob). */
    public SpottingParameters withSensitivity(double value) {
        return new SpottingParameters(microWindow, macroWindow, maxMicro, maxMacro, value, floor);
    }
}
