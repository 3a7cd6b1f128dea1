package dev.rolegate.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rolegate.server");

    private static boolean callsIsEqual(Class<?> owner, String method) {
        return CLASSES.get(owner).getMethods().stream()
                .filter(m -> m.getName().equals(method))
                .flatMap(m -> m.getMethodCallsFromSelf().stream())
                .anyMatch(call -> call.getTargetOwner().isEquivalentTo(MessageDigest.class)
                        && call.getName().equals("isEqual"));
    }

    @Test
    void comparesClientSecretHashesInConstantTime() {
        assertThat(callsIsEqual(dev.rolegate.server.credentials.SecretHasher.class, "verify")).isTrue();
    }

    @Test
    void comparesAdminSecretInConstantTime() {
        assertThat(callsIsEqual(dev.rolegate.server.auth.AdminAuthenticator.class, "adminName")).isTrue();
    }

    @Test
    void keepsHttpPlumbingFreeOfHandlersAndCli() {
        noClasses().that().resideInAPackage("..server.http..")
                .should().dependOnClassesThat().resideInAnyPackage("..server.handlers..", "..server.cli..")
                .check(CLASSES);
    }

    @Test
    void keepsServerCoreIndependentOfCli() {
        noClasses().that().resideOutsideOfPackage("..server.cli..")
                .should().dependOnClassesThat().resideInAPackage("..server.cli..")
                .check(CLASSES);
    }

    @Test
    void logsOnlyThroughLog() {
        noClasses().that().doNotHaveFullyQualifiedName(Log.class.getName())
                .and().resideOutsideOfPackage("..server.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(CLASSES);
    }
}
