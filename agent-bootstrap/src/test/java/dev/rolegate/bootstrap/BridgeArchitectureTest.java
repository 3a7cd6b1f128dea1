package dev.rolegate.bootstrap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The bridge sits on the bootstrap class path, where only the JDK can be seen. */
class BridgeArchitectureTest {
    private final JavaClasses bridge = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rolegate.bootstrap");

    @Test
    void bridgeDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.rolegate.bootstrap..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.rolegate.bootstrap..", "java..", "")
                .check(bridge);
    }
}
