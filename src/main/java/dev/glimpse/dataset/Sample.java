package dev.glimpse.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * One labelled micro-expression of a dataset, ready for training.
 *
 * @param database the database it comes from (casme2, samm, smic, casme3, csv)
 * @param subject the subject, normalised (CASME II "01", SAMM "006", SMIC "s01", CAS(ME)3 "spNO.1")
 * @param episode the clip's name in its dataset (EP02_01f, 006_1_2, s1_ne_01, "a@355" for CAS(ME)3)
 * @param clip a folder of frames or a video file
 * @param onset onset frame number (the clip's own numbering)
 * @param apex apex frame number
 * @param offset offset frame number
 * @param label the dataset's emotion label, lower-cased
 * @param classIndex the class in the scheme it was read with
 * @param fps the recording's frame rate
 * @param cropped the frames are already face crops
 * @param row where it came from (a spreadsheet row as a spreadsheet program numbers it, or a list line)
 * @param notes repairs made to the annotation, in words (empty when none)
 */
public record Sample(String database, String subject, String episode, Path clip, int onset, int apex, int offset,
                     String label, int classIndex, double fps, boolean cropped, int row, List<String> notes) {
    public Sample {
        notes = List.copyOf(notes);
    }

    /** Subject as LOSO groups it: a subject of one database is never another database's. */
    public String subjectKey() {
        return database + ":" + subject;
    }
}
