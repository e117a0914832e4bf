package io.userservice.bench;

import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.MultisetStatistics;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link ScaleBenchmark} and prints, for each operation, the latency on the small and on the
 * large database and the ratio large/small against the 10% target.
 *
 * <p>Takes JMH's own command-line options; without them it runs PostgreSQL only, with the sizes
 * and iterations of the annotations. Examples: {@code -p db=postgres,h2}, {@code -f 2},
 * {@code ScaleBenchmark.exists} for one operation only.
 */
public final class ScaleRun {

    private static final double TARGET_RATIO = 1.10;

    private ScaleRun() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(ScaleBenchmark.class.getName() + "\\.");
        }
        if (!cli.getParameter("db").hasValue()) {
            options.param("db", "postgres");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.print(table(results));
    }

    static String table(Collection<RunResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("| database | operation | users | samples | mean µs | p50 µs | p99 µs | ratio of means | ratio of p50 | within 10% |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            Statistics[] bySize = splitBySize(result);
            Statistics small = bySize[0];
            Statistics large = bySize[1];
            double meanRatio = large.getMean() / small.getMean();
            double p50Ratio = large.getPercentile(50) / small.getPercentile(50);
            String operation = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            out.append(row(params.getParam("db"), operation, params.getParam("small"), small, "–", "–", "–"));
            out.append(row(params.getParam("db"), operation, params.getParam("large"), large,
                    String.format(Locale.ROOT, "%.3f", meanRatio), String.format(Locale.ROOT, "%.3f", p50Ratio),
                    meanRatio <= TARGET_RATIO ? "yes" : "NO"));
        }
        return out.toString();
    }

    /** Measurement iterations of every fork, by database: global iteration index even = small. */
    private static Statistics[] splitBySize(RunResult result) {
        MultisetStatistics[] bySize = {new MultisetStatistics(), new MultisetStatistics()};
        int warmups = result.getParams().getWarmup().getCount();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            int index = warmups;
            for (IterationResult iteration : fork.getIterationResults()) {
                MultisetStatistics target = bySize[index++ % 2];
                Iterator<Map.Entry<Double, Long>> samples = iteration.getPrimaryResult().getStatistics().getRawData();
                while (samples.hasNext()) {
                    Map.Entry<Double, Long> sample = samples.next();
                    target.addValue(sample.getKey(), sample.getValue());
                }
            }
        }
        return bySize;
    }

    private static String row(String db, String operation, String users, Statistics s, String meanRatio,
                              String p50Ratio, String verdict) {
        return String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %.1f | %.1f | %.1f | %s | %s | %s |%n",
                db, operation, Integer.parseInt(users), s.getN(), s.getMean(), s.getPercentile(50),
                s.getPercentile(99), meanRatio, p50Ratio, verdict);
    }
}
