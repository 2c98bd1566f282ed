package dev.pitwall.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Ranks incidents against the 24-hour window of a store of generated changes (1,000,000 over
 * 5,000 services and 30 days by default) and prints the time per ranking. Run it with
 * {@code bench/triage/run.sh}; it is not a test and does not run in {@code ./mvnw verify}.
 *
 * <p>Arguments: changes, services, days, rankings measured (after as many for warm-up). Strings
 * (commit messages, paths) are drawn from pools, as real ones repeat, to keep a million changes
 * within a small heap; the ranking does not know or care.
 */
final class TriageBenchmark {

    private static final String[] WORDS =
            ("account address adjust alert allowance amount api approval archive audit auth backfill balance "
                            + "batch benefit billing broker bundle cache calendar card carrier catalog census charge "
                            + "checkout claim client cohort commission consent contract copay coupon coverage credit "
                            + "currency customer dashboard deductible dependent deposit device discount document "
                            + "download eligibility email employer enrollment entry estimate event export family fee "
                            + "filter flag form fraud gateway grace group history household identity import index "
                            + "invoice item journal label language ledger limit line list locale lookup mapper member "
                            + "message network note notice npi offer order override owner page partner payment payout "
                            + "period plan policy portal preference premium price profile promo proposal provider "
                            + "quote rate receipt reconcile record referral refund region reminder renewal report "
                            + "request retry review rider rule schedule search session settlement signup statement "
                            + "status subscription summary tax template tenant tier token transfer upload user "
                            + "visit wallet webhook")
                    .split(" ");
    private static final String[] VERBS =
            "Add Fix Handle Support Remove Rename Cache Validate Retry Migrate Split Speed up Log Expose Limit Map Sort"
                    .split(" ");
    private static final String[] KINDS_OF_FILE = {"Service", "Controller", "Repository", "Mapper", "Client", "Job"};

    public static void main(String[] args) {
        int changeCount = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int serviceCount = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int rankings = args.length > 3 ? Integer.parseInt(args[3]) : 200;

        Random random = new Random(42);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        long generating = System.nanoTime();
        World world = World.generate(random, serviceCount);
        List<CandidateChange> changes = world.changes(random, changeCount, start, Duration.ofDays(days));
        InMemoryChangeSource store = new InMemoryChangeSource(changes);
        System.out.printf(
                Locale.ROOT,
                "triage benchmark: %,d changes over %,d services and %d days, generated in %.1f s%n",
                changeCount,
                serviceCount,
                days,
                (System.nanoTime() - generating) / 1e9);
        changes = null;

        SuspectFinder finder = new SuspectFinder(store);
        SuspectRanking ranking = new SuspectRanking();
        long[] rankingNanos = new long[rankings];
        long[] totalNanos = new long[rankings];
        long candidates = 0;
        long checksum = 0;
        for (int i = -rankings; i < rankings; i++) {
            Instant impact = start.plus(Duration.ofHours(24 + random.nextInt((days - 2) * 24)))
                    .plusSeconds(random.nextInt(3600));
            IncidentFacts incident = world.incident(random, impact);
            Instant now = impact.plus(Duration.ofMinutes(30));

            long t0 = System.nanoTime();
            List<CandidateChange> window =
                    store.changes(impact.minus(SuspectFinder.DEFAULT_LOOK_BACK), now, Set.of(incident.environment()));
            long t1 = System.nanoTime();
            Suspects suspects = ranking.rank(incident, world.graph, CauseHistory.NONE, window);
            long t2 = System.nanoTime();
            Suspects same = finder.suspects(incident, world.graph, CauseHistory.NONE, now);
            if (!same.ranked().equals(suspects.ranked())) {
                throw new IllegalStateException("the finder and the ranking disagree");
            }
            checksum += suspects.ranked().size();
            if (i >= 0) {
                rankingNanos[i] = t2 - t1;
                totalNanos[i] = t2 - t0;
                candidates += window.size();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%d rankings after %d for warm-up, %,d candidate changes per ranking on average (%d suspects kept)%n",
                rankings,
                rankings,
                candidates / rankings,
                checksum);
        print("ranking", rankingNanos);
        print("window + ranking", totalNanos);
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%-17s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
                what,
                percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Services, their dependencies, and the pools their changes draw texts from. */
    private record World(
            String[] services,
            ServiceGraph graph,
            Map<String, String[]> files,
            Map<String, String> descriptions,
            String[] messages) {

        static World generate(Random random, int serviceCount) {
            String[] services = new String[serviceCount];
            Set<String> taken = new HashSet<>();
            for (int i = 0; i < serviceCount; i++) {
                String name;
                do {
                    name = pick(random, WORDS) + "-" + pick(random, WORDS) + (random.nextInt(4) == 0 ? "-api" : "");
                } while (!taken.add(name));
                services[i] = name;
            }
            // Each service depends on up to five services created before it: a graph without cycles.
            Map<String, Set<String>> dependencies = new HashMap<>();
            for (int i = 1; i < serviceCount; i++) {
                Set<String> deps = new HashSet<>();
                for (int d = random.nextInt(6); d > 0; d--) {
                    deps.add(services[random.nextInt(i)]);
                }
                dependencies.put(services[i], deps);
            }
            Map<String, String[]> files = new HashMap<>();
            Map<String, String> descriptions = new HashMap<>();
            for (String service : services) {
                String[] paths = new String[20];
                for (int f = 0; f < paths.length; f++) {
                    paths[f] = service + "/src/main/java/com/acme/" + pick(random, WORDS) + "/"
                            + capitalize(pick(random, WORDS)) + capitalize(pick(random, WORDS))
                            + pick(random, KINDS_OF_FILE) + ".java";
                }
                files.put(service, paths);
                descriptions.put(service, "Deploy " + service);
            }
            String[] messages = new String[50_000];
            for (int m = 0; m < messages.length; m++) {
                StringBuilder message = new StringBuilder(pick(random, VERBS));
                for (int w = 2 + random.nextInt(5); w > 0; w--) {
                    message.append(' ').append(pick(random, WORDS));
                }
                messages[m] = message.toString();
            }
            return new World(services, new ServiceGraph(dependencies), files, descriptions, messages);
        }

        /** Changes in the order they happen, as a store that records them as they come receives them. */
        List<CandidateChange> changes(Random random, int count, Instant start, Duration span) {
            List<CandidateChange> changes = new ArrayList<>(count);
            ChangeKind[] kinds = ChangeKind.values();
            long[] offsets = new long[count];
            for (int i = 0; i < count; i++) {
                offsets[i] = (long) (random.nextDouble() * span.toSeconds());
            }
            Arrays.sort(offsets);
            for (int id = 1; id <= count; id++) {
                String service = services[random.nextInt(services.length)];
                Instant startedAt = start.plusSeconds(offsets[id - 1]);
                ChangeKind kind = random.nextInt(10) < 7 ? ChangeKind.DEPLOY : kinds[random.nextInt(kinds.length)];
                int commits = random.nextInt(40) == 0 ? 20 + random.nextInt(60) : 1 + random.nextInt(5);
                List<String> messages = new ArrayList<>();
                for (int m = Math.min(commits, 5); m > 0; m--) {
                    messages.add(this.messages[random.nextInt(this.messages.length)]);
                }
                String[] pool = files.get(service);
                List<String> paths = new ArrayList<>();
                for (int f = 1 + random.nextInt(6); f > 0; f--) {
                    paths.add(pool[random.nextInt(pool.length)]);
                }
                changes.add(new CandidateChange(
                        id,
                        service,
                        random.nextInt(5) == 0 ? "staging" : "production",
                        kind,
                        null,
                        "succeeded",
                        startedAt,
                        startedAt.plusSeconds(kind == ChangeKind.DEPLOY ? 120 + random.nextInt(600) : 0),
                        descriptions.get(service),
                        messages,
                        paths,
                        commits,
                        random.nextInt(3) == 0 ? Verification.PASSED : Verification.NONE));
            }
            return changes;
        }

        IncidentFacts incident(Random random, Instant impact) {
            String affected = services[random.nextInt(services.length)];
            String path = "/api/" + pick(random, WORDS) + "s/{id}/" + pick(random, WORDS) + "-" + pick(random, WORDS);
            return new IncidentFacts(
                    impact,
                    "production",
                    Set.of(affected),
                    List.of(
                            affected + ": 5xx on " + path + " above 2%",
                            "Customers report they can't see their " + pick(random, WORDS) + " " + pick(random, WORDS)
                                    + " since the " + pick(random, WORDS) + " page changed"),
                    List.of(new FailingCheck(
                            pick(random, WORDS) + "-" + pick(random, WORDS) + "-journey",
                            "https://app.example.com" + path)),
                    Set.of(),
                    Set.of());
        }

        private static String pick(Random random, String[] words) {
            return words[random.nextInt(words.length)];
        }

        private static String capitalize(String word) {
            return Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
    }
}
