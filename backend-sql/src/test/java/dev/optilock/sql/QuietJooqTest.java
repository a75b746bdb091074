package dev.optilock.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuietJooqTest {

    @AfterEach
    void quiet_again() {
        QuietJooq.PROPERTIES.forEach(System::clearProperty);
        QuietJooq.apply();
    }

    @Test
    void should_turn_off_the_logo_and_the_tips_when_the_application_did_not_choose() {
        QuietJooq.PROPERTIES.forEach(System::clearProperty);
        QuietJooq.apply();
        assertThat(QuietJooq.PROPERTIES).allSatisfy(property -> assertThat(System.getProperty(property)).isEqualTo("true"));
    }

    @Test
    void should_keep_what_the_application_chose() {
        System.setProperty("org.jooq.no-logo", "false");
        QuietJooq.apply();
        assertThat(System.getProperty("org.jooq.no-logo")).isEqualTo("false");
    }
}
