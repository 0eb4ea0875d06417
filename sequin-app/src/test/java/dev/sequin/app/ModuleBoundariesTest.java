package dev.sequin.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of DESIGN.md §2: app → webhooks → domain, app → replication → domain.
 * Replication and delivery never import each other; they meet through {@code ChangeIntake}.
 */
class ModuleBoundariesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sequin");

    @Test
    void replicationDoesNotKnowPushDelivery() {
        noClasses().that().resideInAPackage("dev.sequin.replication..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sequin.delivery.push..", "dev.sequin.app..")
                .check(CLASSES);
    }

    @Test
    void pushDeliveryDoesNotKnowReplication() {
        noClasses().that().resideInAPackage("dev.sequin.delivery.push..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sequin.replication..", "dev.sequin.app..")
                .check(CLASSES);
    }

    @Test
    void theDomainDependsOnNoOtherModule() {
        noClasses().that().resideInAnyPackage("dev.sequin.message..", "dev.sequin.delivery.queue..",
                        "dev.sequin.delivery.routing..", "dev.sequin.sink..", "dev.sequin.source..", "dev.sequin.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sequin.replication..", "dev.sequin.delivery.push..",
                        "dev.sequin.app..")
                .check(CLASSES);
    }

    @Test
    void theDecoderDoesNoIo() {
        noClasses().that().resideInAPackage("dev.sequin.replication.pgoutput..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "java.net..", "org.postgresql..", "java.io..")
                .check(CLASSES);
    }
}
