package io.storyline.local.chaos;

import io.storyline.local.LocalStack;

import java.io.PrintStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kills service instances with SIGKILL (or, one time in four, stops them with SIGTERM) at random moments and
 * restarts them (with a second nlp and dedupe instance running, each kill also moves partitions between
 * instances), kills and restarts the broker once (at a random point between 30% and 60% of the articles out),
 * and restarts any service that died on its own (crash-only recovery: a dedupe instance whose transaction
 * aborted stops itself and rebuilds its state on start). Keeps going until every article has come out of the
 * pipeline and at least {@code minKills} SIGKILLs were dealt, so faults hit every phase: while ingest accepts,
 * while nlp and dedupe work through the backlog, and at the very end. On a fast machine the pipeline can
 * outrun random gaps; the pusher then waits in {@link #pushed} so the faults still land mid-stream.
 */
final class FaultInjector implements Runnable {

    /** Give up disturbing when no article has come out for this long: the drain check then reports what is lost. */
    private static final long STALLED_MILLIS = 300_000;

    private final LocalStack stack;
    private final ClusteredProgress progress;
    private final PartitionOwners owners;
    private final Random random;
    private final PrintStream log;
    private final int minGapMillis;
    private final int maxGapMillis;
    private final double brokerRestartAt;
    private final int minKills;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile int kills;
    private volatile int stops;
    private volatile int restarts;
    private volatile int brokerRestarts;
    private volatile Exception failure;
    private boolean finished;
    private volatile double pushedShare;

    FaultInjector(LocalStack stack, ClusteredProgress progress, long seed, int minGapMillis, int maxGapMillis, int minKills,
            PrintStream log) {
        this.stack = stack;
        this.progress = progress;
        this.owners = new PartitionOwners(stack.bootstrapServers());
        this.random = new Random(seed);
        this.minGapMillis = minGapMillis;
        this.maxGapMillis = maxGapMillis;
        this.brokerRestartAt = 0.3 + 0.3 * random.nextDouble();
        this.minKills = minKills;
        this.log = log;
    }

    @Override
    public void run() {
        try {
            double done = 0;
            long lastMove = System.currentTimeMillis();
            while (running.get()) {
                sleepRandomly(minGapMillis, maxGapMillis);
                owners.sample();
                double now = progress.fraction();
                if (now > done) {
                    lastMove = System.currentTimeMillis();
                    done = now;
                }
                if (!running.get() || (done >= 1.0 && brokerRestarts > 0 && kills >= minKills)) {
                    break;
                }
                if (System.currentTimeMillis() - lastMove > STALLED_MILLIS) {
                    log.printf("chaos: no article out for %d s; stopping the faults%n", STALLED_MILLIS / 1000);
                    break;
                }
                if (brokerRestarts == 0 && Math.max(done, pushedShare) >= brokerRestartAt) {
                    log.printf("chaos: %.0f%% in, %.0f%% out; killing the Kafka broker and starting it again%n", pushedShare * 100, done * 100);
                    stack.restartBroker(true);
                    synchronized (this) {
                        brokerRestarts++;
                        notifyAll();
                    }
                    reviveDead();
                    continue;
                }
                List<String> targets = stack.instances();
                String victim = targets.get(random.nextInt(targets.size()));
                if (random.nextInt(4) == 0) {
                    // a rolling update: SIGTERM, in-flight work finishes or stays uncommitted
                    log.printf("chaos: %.0f%% out; SIGTERM %s%n", done * 100, victim);
                    stack.stop(victim);
                    stops++;
                } else {
                    log.printf("chaos: %.0f%% out; SIGKILL %s%n", done * 100, victim);
                    stack.kill(victim);
                    synchronized (this) {
                        kills++;
                        notifyAll();
                    }
                }
                sleepRandomly(500, 3_000);
                stack.restart(victim);
                restarts++;
                reviveDead();
            }
        } catch (Exception e) {
            failure = e;
        } finally {
            synchronized (this) {
                finished = true;
                notifyAll();
            }
        }
    }

    /**
     * Called by the pusher with the share of articles accepted so far; blocks until {@code count} SIGKILLs have
     * been dealt and, once the share reaches the broker's turn, the broker has been restarted (or the injector
     * has ended).
     */
    synchronized void pushed(double fraction, int count) throws InterruptedException {
        pushedShare = fraction;
        while (!finished && (kills < count || (fraction >= brokerRestartAt && brokerRestarts == 0))) {
            wait();
        }
    }
    /** Restarts services that exited by themselves. */
    void reviveDead() throws Exception {
        for (String name : stack.instances()) {
            if (!stack.isAlive(name)) {
                log.println("chaos: " + name + " had stopped by itself; restarting it");
                stack.restart(name);
                restarts++;
            }
        }
    }

    void stop() {
        running.set(false);
    }

    /** Times an nlp or dedupe input partition was found with another owner than at the previous sample. */
    int partitionMoves() {
        return owners.moves();
    }

    int stops() {
        return stops;
    }

    int kills() {
        return kills;
    }

    int restarts() {
        return restarts;
    }

    int brokerRestarts() {
        return brokerRestarts;
    }

    Exception failure() {
        return failure;
    }

    private void sleepRandomly(int minMillis, int maxMillis) throws InterruptedException {
        long until = System.currentTimeMillis() + minMillis + random.nextInt(maxMillis - minMillis);
        while (running.get() && System.currentTimeMillis() < until) {
            Thread.sleep(Math.min(250, Math.max(1, until - System.currentTimeMillis())));
        }
    }
}
