package io.userservice.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule: core depends on no adapter and no framework; adapters do not depend on
 * each other; only the app sees everything. Each rule is also run against classes that break it,
 * to show it is not vacuous.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.userservice");

    private static final JavaClasses VIOLATIONS = new ClassFileImporter()
            .importPackages("io.userservice.core.archviolation", "io.userservice.rest.archviolation",
                    "io.userservice.ldap.archviolation");

    static final ArchRule CORE_USES_NO_ADAPTER = noClasses().that().resideInAPackage("io.userservice.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.userservice.rest..", "io.userservice.jdbc..",
                    "io.userservice.ldap..", "io.userservice.mail..", "io.userservice.app..");

    static final ArchRule CORE_USES_NO_FRAMEWORK = noClasses().that().resideInAPackage("io.userservice.core..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.ws..", "javax.mail..",
                    "com.fasterxml..", "org.jdbi..", "java.sql..", "javax.sql..", "liquibase..", "org.glassfish..",
                    "com.zaxxer..", "org.slf4j..", "ch.qos..", "com.unboundid..", "tools.jackson..");

    static final ArchRule ONLY_CRYPTO_USES_CRYPTO_LIBRARIES = noClasses().that()
            .resideInAnyPackage("io.userservice.core.domain..", "io.userservice.core.port..",
                    "io.userservice.core.service..", "io.userservice.core.memory..")
            .should().dependOnClassesThat().resideInAnyPackage("at.favre..", "org.jose4j..", "com.webauthn4j..");

    static final ArchRule DOMAIN_KNOWS_NO_USE_CASES = noClasses().that().resideInAPackage("io.userservice.core.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.userservice.core.port..",
                    "io.userservice.core.service..", "io.userservice.core.memory..", "io.userservice.core.crypto..");

    static final ArchRule REST_USES_NO_OTHER_ADAPTER = noClasses().that().resideInAPackage("io.userservice.rest..")
            .should().dependOnClassesThat().resideInAnyPackage("io.userservice.jdbc..", "io.userservice.ldap..",
                    "io.userservice.mail..", "io.userservice.app..");

    /** A driving adapter sees the use cases and the domain, never how the core is wired or what it drives. */
    static final ArchRule REST_SEES_ONLY_USE_CASES_AND_DOMAIN = noClasses().that().resideInAPackage("io.userservice.rest..")
            .should().dependOnClassesThat().resideInAnyPackage("io.userservice.core.service..",
                    "io.userservice.core.port.out..", "io.userservice.core.crypto..", "io.userservice.core.memory..");

    static final ArchRule JDBC_USES_NO_OTHER_ADAPTER = noClasses().that().resideInAPackage("io.userservice.jdbc..")
            .should().dependOnClassesThat().resideInAnyPackage("io.userservice.rest..", "io.userservice.ldap..",
                    "io.userservice.mail..", "io.userservice.app..");

    static final ArchRule LDAP_USES_NO_OTHER_ADAPTER = noClasses().that().resideInAPackage("io.userservice.ldap..")
            .should().dependOnClassesThat().resideInAnyPackage("io.userservice.rest..", "io.userservice.jdbc..",
                    "io.userservice.mail..", "io.userservice.app..");

    /** The LDAP adapter is reached through its provider alone (found by ServiceLoader), never by its classes. */
    static final ArchRule ONLY_THE_PROVIDER_OF_LDAP_IS_PUBLIC = com.tngtech.archunit.lang.syntax.ArchRuleDefinition
            .classes().that().resideInAPackage("io.userservice.ldap..").and().arePublic()
            .should().haveSimpleName("LdapDirectoryProvider");

    static final ArchRule MAIL_USES_NO_OTHER_ADAPTER = noClasses().that().resideInAPackage("io.userservice.mail..")
            .should().dependOnClassesThat().resideInAnyPackage("io.userservice.rest..", "io.userservice.jdbc..",
                    "io.userservice.ldap..", "io.userservice.app..");

    @Test
    void theProductionCodeKeepsTheDependencyRule() {
        for (ArchRule rule : new ArchRule[] {CORE_USES_NO_ADAPTER, CORE_USES_NO_FRAMEWORK,
                ONLY_CRYPTO_USES_CRYPTO_LIBRARIES, DOMAIN_KNOWS_NO_USE_CASES, REST_USES_NO_OTHER_ADAPTER,
                REST_SEES_ONLY_USE_CASES_AND_DOMAIN,
                JDBC_USES_NO_OTHER_ADAPTER, LDAP_USES_NO_OTHER_ADAPTER, ONLY_THE_PROVIDER_OF_LDAP_IS_PUBLIC,
                MAIL_USES_NO_OTHER_ADAPTER}) {
            rule.check(PRODUCTION);
        }
    }

    @Test
    void everyLayerWasImported() {
        for (String layer : new String[] {"io.userservice.core.domain", "io.userservice.core.service",
                "io.userservice.core.crypto", "io.userservice.rest", "io.userservice.jdbc", "io.userservice.ldap",
                "io.userservice.mail",
                "io.userservice.app"}) {
            assertThat(PRODUCTION.stream().anyMatch(c -> c.getPackageName().equals(layer))).as(layer).isTrue();
        }
    }

    @Test
    void theRulesCatchCodeThatBreaksThem() {
        assertThat(CORE_USES_NO_ADAPTER.evaluate(VIOLATIONS).hasViolation()).isTrue();
        assertThat(CORE_USES_NO_FRAMEWORK.evaluate(VIOLATIONS).hasViolation()).isTrue();
        assertThat(REST_USES_NO_OTHER_ADAPTER.evaluate(VIOLATIONS).hasViolation()).isTrue();
        assertThat(REST_SEES_ONLY_USE_CASES_AND_DOMAIN.evaluate(VIOLATIONS).hasViolation()).isTrue();
        assertThat(LDAP_USES_NO_OTHER_ADAPTER.evaluate(VIOLATIONS).hasViolation()).isTrue();
        assertThat(ONLY_THE_PROVIDER_OF_LDAP_IS_PUBLIC.evaluate(VIOLATIONS).hasViolation()).isTrue();
    }
}
