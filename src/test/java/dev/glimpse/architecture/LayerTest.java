package dev.glimpse.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package table of docs/architecture.md, enforced. */
@AnalyzeClasses(packages = "dev.glimpse", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerTest {

    @ArchTest
    static final ArchRule modelSeesNoClipUiStoreOrJavaFx = noClasses().that().resideInAPackage("dev.glimpse.model..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.glimpse.clip..", "dev.glimpse.ui..",
                    "dev.glimpse.store..", "dev.glimpse.analysis..", "dev.glimpse.dataset..", "dev.glimpse.training..",
                    "dev.glimpse.cli..", "javafx..").allowEmptyShould(true);

    @ArchTest
    static final ArchRule clipSeesNoModelUiStoreOrDjl = noClasses().that().resideInAPackage("dev.glimpse.clip..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.glimpse.model..", "dev.glimpse.ui..",
                    "dev.glimpse.store..", "dev.glimpse.analysis..", "dev.glimpse.cli..", "ai.djl..", "javafx..").allowEmptyShould(true);

    @ArchTest
    static final ArchRule analysisSeesNoUiOrStore = noClasses().that().resideInAPackage("dev.glimpse.analysis..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.glimpse.ui..", "dev.glimpse.store..",
                    "dev.glimpse.cli..", "javafx..").allowEmptyShould(true);

    @ArchTest
    static final ArchRule datasetAndTrainingSeeNoUiOrStore = noClasses()
            .that().resideInAnyPackage("dev.glimpse.dataset..", "dev.glimpse.training..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.glimpse.ui..", "dev.glimpse.store..",
                    "dev.glimpse.cli..", "javafx..").allowEmptyShould(true);

    @ArchTest
    static final ArchRule storeSeesNoModelUiOrDjl = noClasses().that().resideInAPackage("dev.glimpse.store..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.glimpse.model..", "dev.glimpse.ui..",
                    "dev.glimpse.session..", "dev.glimpse.cli..", "ai.djl..").allowEmptyShould(true);

    @ArchTest
    static final ArchRule uiSeesAnalysisRecordsNotDjlOrTheModel = noClasses().that().resideInAPackage("dev.glimpse.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "dev.glimpse.model..", "dev.glimpse.cli..").allowEmptyShould(true);

    @ArchTest
    static final ArchRule ioSeesNothingOfGlimpse = noClasses().that().resideInAPackage("dev.glimpse.io..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.glimpse.clip..", "dev.glimpse.model..",
                    "dev.glimpse.analysis..", "dev.glimpse.dataset..", "dev.glimpse.training..", "dev.glimpse.store..",
                    "dev.glimpse.ui..", "dev.glimpse.cli..", "ai.djl..", "javafx..").allowEmptyShould(true);

    @ArchTest
    static final ArchRule annotationIsTheVocabularyAndSpeaksNoSqlFxOrDjl = noClasses().that()
            .resideInAPackage("dev.glimpse.annotation..").should().dependOnClassesThat().resideInAnyPackage(
                    "dev.glimpse.clip..", "dev.glimpse.model..", "dev.glimpse.analysis..", "dev.glimpse.dataset..",
                    "dev.glimpse.training..", "dev.glimpse.store..", "dev.glimpse.session..", "dev.glimpse.ui..",
                    "dev.glimpse.cli..", "java.sql..", "javafx..", "ai.djl..").allowEmptyShould(true);

    /** Spotting reads clips and knows faces: no network, no window, no database (the session keeps its results). */
    @ArchTest
    static final ArchRule spottingSeesClipsOnly = noClasses().that().resideInAPackage("dev.glimpse.spotting..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.glimpse.model..", "dev.glimpse.analysis..",
                    "dev.glimpse.training..", "dev.glimpse.store..", "dev.glimpse.session..", "dev.glimpse.ui..",
                    "dev.glimpse.cli..", "ai.djl..", "javafx..").allowEmptyShould(true);

    /** Agreement is arithmetic over events: the vocabulary and the CSV writer, no database, clip, network or window. */
    @ArchTest
    static final ArchRule agreementSeesEventsOnly = noClasses().that().resideInAPackage("dev.glimpse.agreement..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.glimpse.clip..", "dev.glimpse.model..",
                    "dev.glimpse.analysis..", "dev.glimpse.spotting..", "dev.glimpse.dataset..", "dev.glimpse.training..",
                    "dev.glimpse.store..", "dev.glimpse.session..", "dev.glimpse.ui..", "dev.glimpse.cli..", "java.sql..",
                    "ai.djl..", "javafx..").allowEmptyShould(true);

    /** OpenFace's files are read into plain tracks: nothing of the database, the network or the window. */
    @ArchTest
    static final ArchRule openFaceReadsFilesOnly = noClasses().that().resideInAPackage("dev.glimpse.openface..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.glimpse.clip..", "dev.glimpse.model..",
                    "dev.glimpse.analysis..", "dev.glimpse.store..", "dev.glimpse.session..", "dev.glimpse.ui..",
                    "dev.glimpse.cli..", "ai.djl..", "javafx..").allowEmptyShould(true);

    /** ELAN files are events and times: nothing of the database, the network or the window. */
    @ArchTest
    static final ArchRule elanSpeaksEventsOnly = noClasses().that().resideInAPackage("dev.glimpse.elan..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.glimpse.clip..", "dev.glimpse.model..",
                    "dev.glimpse.analysis..", "dev.glimpse.store..", "dev.glimpse.session..", "dev.glimpse.ui..",
                    "dev.glimpse.cli..", "ai.djl..", "javafx..").allowEmptyShould(true);

    /** A report lays out what it is given: no database, clip reader, network or window of its own. */
    @ArchTest
    static final ArchRule reportLaysOutOnly = noClasses().that().resideInAPackage("dev.glimpse.report..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.glimpse.clip..", "dev.glimpse.model..",
                    "dev.glimpse.analysis..", "dev.glimpse.spotting..", "dev.glimpse.dataset..", "dev.glimpse.training..",
                    "dev.glimpse.store..", "dev.glimpse.session..", "dev.glimpse.ui..", "dev.glimpse.cli..", "java.sql..",
                    "ai.djl..", "javafx..").allowEmptyShould(true);

    @ArchTest
    static final ArchRule sessionHasNoWindow = noClasses().that().resideInAPackage("dev.glimpse.session..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.glimpse.ui..", "dev.glimpse.cli..", "javafx..")
            .allowEmptyShould(true);

    /** The window goes through the session's use cases: never to the database or the network runner itself. */
    @ArchTest
    static final ArchRule uiReachesNeitherTheStoreNorTheAnalyzer = noClasses().that().resideInAPackage("dev.glimpse.ui..")
            .should().dependOnClassesThat().resideInAPackage("dev.glimpse.store..")
            .orShould().dependOnClassesThat().belongToAnyOf(dev.glimpse.analysis.Analyzer.class);

    @ArchTest
    static final ArchRule noPackageCycles = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("dev.glimpse.(*)..").should().beFreeOfCycles();

    /** Only the command line prints: the rest logs through SLF4J (stdout carries --json output). */
    @ArchTest
    static final ArchRule onlyTheCommandLinePrints = noClasses().that().resideOutsideOfPackage("dev.glimpse.cli..")
            .should(com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS);
}
