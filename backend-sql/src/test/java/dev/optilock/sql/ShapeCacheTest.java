package dev.optilock.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.sql.WriteStyle.Write;
import org.junit.jupiter.api.Test;

/** {@link ShapeCache}: a statement is found by the shape it was kept for, and only by that shape. */
class ShapeCacheTest {

    @Test
    void should_find_nothing_for_a_shape_it_has_not_kept() {
        ShapeCache cache = new ShapeCache();

        assertThat(cache.find(shaped("U(a)"))).isNull();
    }

    @Test
    void should_find_the_statement_kept_for_a_shape_and_not_for_another() {
        ShapeCache cache = new ShapeCache();
        Write update = write();

        assertThat(cache.keep(shaped("U(a)"), update)).isSameAs(update);

        assertThat(cache.find(shaped("U(a)"))).isSameAs(update);
        assertThat(cache.find(shaped("U(b)"))).isNull();
    }

    @Test
    void should_keep_the_first_statement_when_two_are_kept_for_one_shape() {
        ShapeCache cache = new ShapeCache();
        Write first = write();

        cache.keep(shaped("D(a)"), first);

        assertThat(cache.keep(shaped("D(a)"), write())).isSameAs(first);
        assertThat(cache.find(shaped("D(a)"))).isSameAs(first);
    }

    @Test
    void should_find_every_shape_beyond_the_recent_ones() {
        ShapeCache cache = new ShapeCache();
        Write[] kept = new Write[20];
        for (int i = 0; i < kept.length; i++) kept[i] = cache.keep(shaped("U" + i), write());

        for (int i = 0; i < kept.length; i++) assertThat(cache.find(shaped("U" + i))).isSameAs(kept[i]);
    }

    private static Arguments shaped(String shape) {
        return new Arguments().shape(shape);
    }

    private static Write write() {
        return new Write(null, null);
    }
}
