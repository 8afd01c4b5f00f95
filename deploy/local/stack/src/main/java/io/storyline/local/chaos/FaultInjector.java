package io.storyline.local.chaos;

import io.storyline.local.LocalStack;

import java.io.PrintStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kills services with SIGKILL at random moments and restarts them, restarts the broker once, and
 * restarts any service that died on its own (crash-only recovery: a dedupe instance whose transaction
 * aborted stops itself and rebuilds its state on start).
 */
final class FaultInjector implements Runnable {

    private static final List<String> TARGETS = List.of(LocalStack.INGEST, LocalStack.NLP, LocalStack.DEDUPE);

    private final LocalStack stack;
    private final Random random;
    private final PrintStream log;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean brokerRestartDue = new AtomicBoolean(false);
    private volatile int kills;
    private volatile int restarts;
    private volatile int brokerRestarts;
    private volatile Exception failure;

    FaultInjector(LocalStack stack, long seed, PrintStream log) {
        this.stack = stack;
        this.random = new Random(seed);
        this.log = log;
    }

    /** Asks for the single broker restart; it happens at the injector's next step. */
    void restartBrokerSoon() {
        brokerRestartDue.set(true);
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                sleepRandomly(4_000, 12_000);
                if (!running.get()) {
                    break;
                }
                if (brokerRestartDue.compareAndSet(true, false)) {
                    log.println("chaos: killing the Kafka broker and starting it again");
                    stack.restartBroker(true);
                    brokerRestarts++;
                    reviveDead();
                    continue;
                }
                String victim = TARGETS.get(random.nextInt(TARGETS.size()));
                log.println("chaos: SIGKILL " + victim);
                stack.kill(victim);
                kills++;
                sleepRandomly(500, 3_000);
                stack.restart(victim);
                restarts++;
                reviveDead();
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Restarts services that exited by themselves. */
    void reviveDead() throws Exception {
        for (String name : TARGETS) {
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
        Thread.sleep(minMillis + random.nextInt(maxMillis - minMillis));
    }
}
