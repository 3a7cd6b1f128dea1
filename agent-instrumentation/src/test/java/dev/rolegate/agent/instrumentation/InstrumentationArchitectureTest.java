package dev.rolegate.agent.instrumentation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstrumentationArchitectureTest {
    private static final String ROOT = "dev.rolegate.agent.instrumentation";
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdkhttpclient", "httpurlconnection", "jdkhttpserver"})
    void libraryPackageDependsOnlyOnJdkByteBuddyAndTheBridge(String library) {
        classes().that().resideInAPackage(ROOT + "." + library + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "com.sun.net.httpserver..", "net.bytebuddy..", "dev.rolegate.bootstrap..",
                        ROOT + "." + library + "..")
                .check(production);
    }

    @Test
    void libraryPackagesDoNotDependOnEachOther() {
        slices().matching(ROOT + ".(*)..").should().notDependOnEachOther().check(production);
    }

    @Test
    void adviceUsesOnlyTheJdkTheBridgeAndAdviceAnnotations() {
        // Advice code is inlined into JDK classes: anything else it named would not resolve there.
        // Byte Buddy appears only in the advice annotations, which are not copied.
        classes().that().haveSimpleNameEndingWith("Advice")
                .should().onlyDependOnClassesThat(
                        resideInAnyPackage("java..", "com.sun.net.httpserver..", "dev.rolegate.bootstrap..",
                                "net.bytebuddy.asm..", "net.bytebuddy.implementation.bytecode.assign..")
                                .or(simpleNameEndingWith("Advice")))
                .check(production);
    }
}
