package dev.optilock.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The throughput ratio of two implementations over the rounds that measured both, one after the other: the median of
 * the rounds' ratios, with its distribution-free 95 % confidence interval (the order statistics a binomial
 * distribution puts around it), when there are at least {@link #MEDIAN_ROUNDS} rounds; else the ratio of their mean
 * throughputs, with Student's t interval of the mean of the rounds' ratios.
 *
 * <p>Why the median (since 2026-12-07, eighth session): in a round now and then the host ran one implementation's
 * run a third faster or slower than the runs around it (hand-written JDBC at 58,000 writes a second at 1 thread, its
 * usual 37,000 before and after, with no steal and no JIT to tell), and that one run moved a ratio of totals by 1 to
 * 3 %. In five runs that day, the A/A control (two identical implementations) read 0.984 to 0.999 at 1 thread by
 * totals and 1.001 to 1.006 by the median, and Optilock's 1-thread ratio to hand-written JDBC moved over 0.950-1.009
 * by totals and 0.968-0.981 by the median.
 *
 * @param value the ratio
 * @param ci95 the half-width of its 95 % confidence interval (for the median, the larger of its distances to the
 *     interval's ends), or NaN when the rounds do not pair
 * @param ofTotals the ratio of the mean throughputs, what {@code value} was until the median
 */
record PairedRatio(double value, double ci95, double ofTotals) {

    /** The fewest paired rounds the median is used for: with fewer, no order statistic gives a 95 % interval. */
    static final int MEDIAN_ROUNDS = 6;

    /** The ratio of {@code x} to {@code y}, from their per-round throughputs and their mean throughputs. */
    static PairedRatio of(List<Double> x, List<Double> y, double xMean, double yMean) {
        double ofTotals = xMean / yMean;
        int n = x.size();
        if (n < 2 || y.size() != n) return new PairedRatio(ofTotals, Double.NaN, ofTotals);
        List<Double> ratios = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ratios.add(x.get(i) / y.get(i));
        if (n < MEDIAN_ROUNDS) return new PairedRatio(ofTotals, ImplStats.ci95(ratios), ofTotals);
        ratios.sort(null);
        double median = n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
        int k = lowerRank(n);
        double spread = Math.max(median - ratios.get(k - 1), ratios.get(n - k) - median);
        return new PairedRatio(median, spread, ofTotals);
    }

    /**
     * The rank k (from 1) of the order statistic that bounds the median's 95 % interval from below, the interval being
     * [x(k), x(n + 1 - k)]: the largest k with P(B <= k - 1) <= 0.025 for B ~ Binomial(n, 1/2); 0 when there is none
     * (fewer than 6 rounds). For 30 rounds, 10.
     */
    static int lowerRank(int n) {
        double term = Math.pow(0.5, n);  // P(B = 0)
        double cumulative = 0;
        int k = 0;
        while (cumulative + term <= 0.025) {  // P(B <= k) still within the tail
            cumulative += term;
            k++;
            term = term * (n - k + 1) / k;  // P(B = k)
        }
        return k;
    }
}
