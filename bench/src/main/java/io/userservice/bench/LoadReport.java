package io.userservice.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end of {@code bench/load.sh}: reads the metrics and scenario lines the script collected,
 * prints the table of scenarios and of targets (ratio and verdict), writes both to one TSV file
 * and draws the throughput chart. Given the results file of an earlier run (an H2 run, when this
 * one is on PostgreSQL), it also holds {@code GET /user} and refresh to their shares of that run's.
 *
 * <pre>java -cp … io.userservice.bench.LoadReport metrics.tsv scenarios.tsv results.tsv chart.png [earlier-results.tsv]</pre>
 */
public final class LoadReport {

    private LoadReport() {
    }

    /** One wrk run: requests per second, latency percentiles in milliseconds, errors, requests. */
    record Scenario(String name, double perSecond, double p50Millis, double p99Millis, long errors, long requests) {
    }

    /** A target: the measured value, the limit it is held to, and whether it is met. */
    record Target(String name, String measured, String limit, String ratio, boolean met) {
    }

    /** The least share of the earlier run's rate that {@code GET /user} and refresh must reach. */
    static final double USER_SHARE = 0.80;
    static final double REFRESH_SHARE = 0.85;

    public static void main(String[] args) throws IOException {
        Map<String, String> metrics = readMetrics(Path.of(args[0]));
        List<Scenario> scenarios = readScenarios(Path.of(args[1]));
        List<Target> targets = targets(metrics, scenarios);
        if (args.length > 4) {
            List<Scenario> earlier;
            try {
                earlier = readResultScenarios(Path.of(args[4]));
            } catch (IOException | RuntimeException e) {
                System.err.println("cannot compare with " + args[4] + ": " + e.getMessage());
                System.exit(2);
                return;
            }
            targets.addAll(comparedTargets(scenarios, earlier, args[4]));
        }

        String table = table(metrics, scenarios, targets);
        System.out.print(table);
        Files.writeString(Path.of(args[2]), tsv(metrics, scenarios, targets), StandardCharsets.UTF_8);
        ThroughputChart.draw(scenarios, metrics, Path.of(args[3]));
        System.out.println("results: " + args[2] + ", chart: " + args[3]);
    }

    static Map<String, String> readMetrics(Path file) throws IOException {
        Map<String, String> metrics = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] cells = line.split("\t");
            if (cells.length == 2) {
                metrics.put(cells[0], cells[1]);
            }
        }
        return metrics;
    }

    static List<Scenario> readScenarios(Path file) throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] c = line.split("\t");
            if (c.length == 6) {
                scenarios.add(scenario(c, 0));
            }
        }
        return scenarios;
    }

    static List<Target> targets(Map<String, String> metrics, List<Scenario> scenarios) {
        List<Target> targets = new ArrayList<>();
        String cost = metrics.getOrDefault("bcrypt_cost", "10");
        double bcrypt = number(metrics, "bcrypt_verify_cost" + cost);
        double sign = number(metrics, "rs256_sign");
        double login = rate(scenarios, "login");
        double refresh = rate(scenarios, "refresh");
        targets.add(ratioTarget("login ≥ 90% of bcrypt verify (cost " + cost + ")", login, bcrypt, 0.90));
        targets.add(ratioTarget("refresh ≥ 75% of RS256 sign", refresh, sign, 0.75));
        double user = rate(scenarios, "user");
        targets.add(new Target("GET /user ≥ 12,000/s", format(user) + "/s", "12,000/s",
                String.format(Locale.ROOT, "%.2f", user / 12_000), user >= 12_000));
        targets.add(startTarget(metrics, "existing", "start_ready_ms", 1000));
        targets.add(startTarget(metrics, "empty", "first_start_ready_ms", 2000));
        double idle = number(metrics, "rss_idle_mib");
        targets.add(new Target("resident memory idle ≤ 150 MiB", format(idle) + " MiB", "150 MiB",
                String.format(Locale.ROOT, "%.2f", idle / 150), idle <= 150));
        double load = number(metrics, "rss_load_mib");
        targets.add(new Target("resident memory under load ≤ 300 MiB", format(load) + " MiB", "300 MiB",
                String.format(Locale.ROOT, "%.2f", load / 300), load <= 300));
        double code = rate(scenarios, "code");
        if (!Double.isNaN(code)) {
            targets.add(ratioTarget("code exchange ≥ refresh", code, refresh, 1.0));
        }
        double userInfo = rate(scenarios, "userinfo");
        if (!Double.isNaN(userInfo)) {
            targets.add(ratioTarget("userinfo ≥ 90% of GET /user", userInfo, user, 0.90));
        }
        Scenario flood = scenarios.stream().filter(s -> s.name().equals("flood-user")).findFirst().orElse(null);
        double p99 = flood == null ? Double.NaN : flood.p99Millis();
        boolean floodOk = flood != null && p99 < 50 && flood.errors() == 0;
        targets.add(new Target("login flood: GET /user p99 < 50 ms (no errors)",
                String.format(Locale.ROOT, "%.2f ms", p99), "50 ms", String.format(Locale.ROOT, "%.2f", p99 / 50),
                floodOk));
        return targets;
    }

    /**
     * Start to ready on a database of that kind: the median of the start-up step's launches
     * ({@code startup_<kind>_median_ms}, from bench/startup.sh) when it ran, else the harness's
     * own single start.
     */
    private static Target startTarget(Map<String, String> metrics, String kind, String singleStart, long limitMillis) {
        double median = number(metrics, "startup_" + kind + "_median_ms");
        boolean ofLaunches = !Double.isNaN(median);
        double ready = ofLaunches ? median : number(metrics, singleStart);
        String name = String.format(Locale.ROOT, "start, %s database ≤ %.1f s (%s)", kind, limitMillis / 1000.0,
                ofLaunches ? "median of " + metrics.getOrDefault("startup_runs", "?") + " launches" : "one start");
        return new Target(name, format(ready) + " ms", format(limitMillis) + " ms",
                String.format(Locale.ROOT, "%.2f", ready / limitMillis), ready <= limitMillis);
    }

    /** {@code GET /user} and refresh against their rates in an earlier run's results ({@code source}). */
    static List<Target> comparedTargets(List<Scenario> scenarios, List<Scenario> earlier, String source) {
        String from = Path.of(source).getFileName().toString();
        return List.of(
                ratioTarget("GET /user ≥ " + percent(USER_SHARE) + " of " + from, rate(scenarios, "user"),
                        rate(earlier, "user"), USER_SHARE),
                ratioTarget("refresh ≥ " + percent(REFRESH_SHARE) + " of " + from, rate(scenarios, "refresh"),
                        rate(earlier, "refresh"), REFRESH_SHARE));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** A scenario from six cells starting at {@code first}: name, rate, p50, p99, errors, requests. */
    private static Scenario scenario(String[] cells, int first) {
        return new Scenario(cells[first], Double.parseDouble(cells[first + 1]), Double.parseDouble(cells[first + 2]),
                Double.parseDouble(cells[first + 3]), Long.parseLong(cells[first + 4]),
                Long.parseLong(cells[first + 5]));
    }

    /** The scenario lines of a results file that {@link #tsv} wrote. */
    static List<Scenario> readResultScenarios(Path file) throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] c = line.split("\t");
            if (c.length >= 7 && c[0].equals("scenario")) {
                scenarios.add(scenario(c, 1));
            }
        }
        if (scenarios.isEmpty()) {
            throw new IOException("no scenario lines in " + file);
        }
        return scenarios;
    }

    private static Target ratioTarget(String name, double measured, double limit, double minimumRatio) {
        double ratio = measured / limit;
        return new Target(name, format(measured) + "/s", format(limit) + "/s",
                String.format(Locale.ROOT, "%.2f", ratio), ratio >= minimumRatio);
    }

    static String table(Map<String, String> metrics, List<Scenario> scenarios, List<Target> targets) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%-12s %12s %9s %9s %8s %10s %9s%n", "scenario", "requests/s",
                "p50 ms", "p99 ms", "errors", "requests", "RSS MiB"));
        for (Scenario s : scenarios) {
            out.append(String.format(Locale.ROOT, "%-12s %12.1f %9.2f %9.2f %8d %10d %9s%n", s.name(),
                    s.perSecond(), s.p50Millis(), s.p99Millis(), s.errors(), s.requests(),
                    metrics.getOrDefault("rss_after_" + s.name(), "–")));
        }
        out.append(String.format(Locale.ROOT, "%nprimitives on %s threads: bcrypt verify %s/s, RS256 sign %s/s,"
                        + " RS256 verify %s/s; start to ready %s ms (first start %s ms); RSS idle %s MiB%n%n",
                metrics.get("threads"), metrics.get("bcrypt_verify_cost" + metrics.getOrDefault("bcrypt_cost", "10")),
                metrics.get("rs256_sign"), metrics.get("rs256_verify"), metrics.get("start_ready_ms"),
                metrics.get("first_start_ready_ms"), metrics.get("rss_idle_mib")));
        out.append(directoryComparison(metrics, scenarios));
        out.append(String.format(Locale.ROOT, "%-58s %14s %12s %7s %s%n", "target", "measured", "limit", "ratio",
                "verdict"));
        for (Target t : targets) {
            out.append(String.format(Locale.ROOT, "%-58s %14s %12s %7s %s%n", t.name(), t.measured(), t.limit(),
                    t.ratio(), t.met() ? "PASS" : "FAIL"));
        }
        return out.toString();
    }

    /**
     * With {@code --directory ldap}: the sign-in rate on the LDAP directory next to the built-in
     * directory's, which bcrypt bounds; empty without the LDAP run.
     */
    static String directoryComparison(Map<String, String> metrics, List<Scenario> scenarios) {
        double ldap = rate(scenarios, "login-ldap");
        if (Double.isNaN(ldap)) {
            return "";
        }
        double jdbc = rate(scenarios, "login");
        return String.format(Locale.ROOT, "sign-in (POST /auth/login): built-in directory (bcrypt cost %s) %s/s,"
                        + " LDAP directory (bind) %s/s, %.1f times the built-in%n%n",
                metrics.getOrDefault("bcrypt_cost", "10"), format(jdbc), format(ldap), ldap / jdbc);
    }

    static String tsv(Map<String, String> metrics, List<Scenario> scenarios, List<Target> targets) {
        StringBuilder out = new StringBuilder("kind\tname\trequests_per_s\tp50_ms\tp99_ms\terrors\trequests\trss_mib\n");
        for (Scenario s : scenarios) {
            out.append(String.format(Locale.ROOT, "scenario\t%s\t%.1f\t%.2f\t%.2f\t%d\t%d\t%s%n", s.name(),
                    s.perSecond(), s.p50Millis(), s.p99Millis(), s.errors(), s.requests(),
                    metrics.getOrDefault("rss_after_" + s.name(), "")));
        }
        out.append("kind\tname\tmeasured\tlimit\tratio\tverdict\n");
        for (Target t : targets) {
            out.append(String.join("\t", "target", t.name(), t.measured(), t.limit(), t.ratio(),
                    t.met() ? "PASS" : "FAIL")).append('\n');
        }
        out.append("kind\tname\tvalue\n");
        metrics.forEach((name, value) -> out.append("metric\t").append(name).append('\t').append(value).append('\n'));
        return out.toString();
    }

    private static double rate(List<Scenario> scenarios, String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).mapToDouble(Scenario::perSecond).findFirst()
                .orElse(Double.NaN);
    }

    private static double number(Map<String, String> metrics, String name) {
        String value = metrics.get(name);
        return value == null || value.isBlank() ? Double.NaN : Double.parseDouble(value);
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
