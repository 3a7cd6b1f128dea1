package dev.rolegate.policy;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import org.junit.jupiter.api.Test;

/** The policy module is a pure library: no other Rolegate module, no file, network or process I/O. */
class ArchitectureTest {
    private static final JavaClasses POLICY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rolegate.policy");

    @Test
    void policyDependsOnNoOtherRolegateModule() {
        noClasses().that().resideInAPackage("dev.rolegate.policy..")
                .should().dependOnClassesThat(resideInAPackage("dev.rolegate..")
                        .and(not(resideInAPackage("dev.rolegate.policy.."))))
                .check(POLICY);
    }

    @Test
    void policyDependsOnlyOnTheJdkJacksonAndSnakeYaml() {
        classes().that().resideInAPackage("dev.rolegate.policy..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.rolegate.policy..", "java.lang..", "java.util..", "java.io..",
                        "com.fasterxml.jackson.core..", "org.yaml.snakeyaml..")
                .check(POLICY);
    }

    @Test
    void policyDoesNoFileIo() {
        noClasses().that().resideInAPackage("dev.rolegate.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..")
                .orShould().dependOnClassesThat().belongToAnyOf(File.class, FileInputStream.class, FileOutputStream.class,
                        FileReader.class, FileWriter.class, RandomAccessFile.class, FileDescriptor.class)
                .check(POLICY);
    }

    @Test
    void policyDoesNoNetworkIo() {
        noClasses().that().resideInAPackage("dev.rolegate.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "javax.net..", "java.net.http..")
                .check(POLICY);
    }

    @Test
    void policyStartsNoProcessesAndWritesNoConsoleOutput() {
        noClasses().that().resideInAPackage("dev.rolegate.policy..")
                .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, Runtime.class, PrintStream.class)
                .check(POLICY);
    }
}
