package dev.optilock.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The package boundaries of Optilock, checked on the main classes of every module (api, the backends, the TCK,
 * the test servers and the examples; this module's class path holds them all).
 *
 * <ul>
 *   <li>The API ({@code dev.optilock}, {@code dev.optilock.mapping}) and the SPI ({@code dev.optilock.spi..})
 *       never reach into the implementation ({@code dev.optilock.internal}); nothing outside it does.</li>
 *   <li>The reference backend ({@code dev.optilock.memory}) is a backend like any other: nothing imports it.</li>
 *   <li>A backend uses nothing of Optilock but the API and the SPI, so a new backend can be written from them.</li>
 *   <li>The TCK, the test servers and the examples are users: the API and the SPI only.</li>
 *   <li>No public signature of the API, the SPI or a backend carries a driver's row or record type.</li>
 * </ul>
 */
@AnalyzeClasses(packages = "dev.optilock", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] API_AND_SPI = {"dev.optilock", "dev.optilock.mapping", "dev.optilock.spi.."};
    private static final String IMPLEMENTATION = "dev.optilock.internal..";
    private static final String REFERENCE_BACKEND = "dev.optilock.memory..";

    @ArchTest
    static final ArchRule the_api_and_the_spi_do_not_depend_on_the_implementation = noClasses()
            .that().resideInAnyPackage(API_AND_SPI)
            .should().dependOnClassesThat().resideInAPackage(IMPLEMENTATION)
            .because("the implementation is not exported; a public signature that names it would leak it");

    @ArchTest
    static final ArchRule only_the_implementation_depends_on_the_implementation = noClasses()
            .that().resideOutsideOfPackage(IMPLEMENTATION)
            .should().dependOnClassesThat().resideInAPackage(IMPLEMENTATION)
            .because("backends and users reach the store through the SPI's Backends.toStore and the API");

    @ArchTest
    static final ArchRule nothing_depends_on_the_reference_backend = noClasses()
            .that().resideOutsideOfPackage(REFERENCE_BACKEND)
            .should().dependOnClassesThat().resideInAPackage(REFERENCE_BACKEND)
            .because("the normative semantics live in dev.optilock.spi.semantics, not in one backend");

    @ArchTest
    static final ArchRule the_reference_backend_uses_only_the_api_and_the_spi = onlyApiAndSpi("dev.optilock.memory..");

    @ArchTest
    static final ArchRule the_sql_backend_uses_only_the_api_and_the_spi = onlyApiAndSpi("dev.optilock.sql..");

    @ArchTest
    static final ArchRule the_cql_backend_uses_only_the_api_and_the_spi = onlyApiAndSpi("dev.optilock.cql..");

    @ArchTest
    static final ArchRule the_tck_uses_only_the_api_and_the_spi = onlyApiAndSpi("dev.optilock.tck..");

    @ArchTest
    static final ArchRule the_test_servers_use_only_the_api_and_the_spi = onlyApiAndSpi("dev.optilock.testservers..");

    @ArchTest
    static final ArchRule the_examples_use_only_the_api_and_the_backends_factories = noClasses()
            .that().resideInAPackage("dev.optilock.examples..")
            .should().dependOnClassesThat(optilockOutside("dev.optilock", "dev.optilock.mapping", "dev.optilock.sql",
                    "dev.optilock.cql", "dev.optilock.testservers", "dev.optilock.examples.."))
            .because("the examples show what an application writes");

    @ArchTest
    static final ArchRule public_signatures_carry_no_driver_row_or_record = methods()
            .that().arePublic().and().areDeclaredInClassesThat().arePublic()
            .and().areDeclaredInClassesThat().resideInAnyPackage("dev.optilock", "dev.optilock.mapping", "dev.optilock.spi..",
                    "dev.optilock.sql..", "dev.optilock.cql..", "dev.optilock.tck..")
            .should(notMention(resideInAnyPackage("org.jooq..", "com.datastax.oss.driver.api.core.cql..",
                    "com.datastax.oss.driver.internal..", "com.zaxxer..")));

    /** Classes in {@code backendPackage} use, of Optilock, only the API, the SPI and their own package. */
    private static ArchRule onlyApiAndSpi(String backendPackage) {
        List<String> allowed = new ArrayList<>(List.of(API_AND_SPI));
        allowed.add(backendPackage);
        return noClasses().that().resideInAPackage(backendPackage)
                .should().dependOnClassesThat(optilockOutside(allowed.toArray(String[]::new)))
                .because("a backend, the TCK and the test servers are written against the published API and SPI only");
    }

    private static DescribedPredicate<JavaClass> optilockOutside(String... allowed) {
        return resideInAPackage("dev.optilock..").and(not(resideInAnyPackage(allowed)));
    }

    private static ArchCondition<JavaMethod> notMention(DescribedPredicate<JavaClass> forbidden) {
        return new ArchCondition<>("not take or return types that " + forbidden.getDescription()) {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                List<JavaClass> types = new ArrayList<>(method.getRawParameterTypes());
                types.add(method.getRawReturnType());
                for (JavaClass type : types) {
                    if (forbidden.test(type)) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " names " + type.getName()));
                    }
                }
            }
        };
    }
}
