package io.storyline.testing.kafka;

import org.testcontainers.kafka.KafkaContainer;

/** Kafka in a container, for machines with a Docker engine. Never used unless asked for. */
final class TestcontainersKafka {
    private static final String IMAGE = System.getProperty("storyline.kafka.image", "apache/kafka:4.1.1");

    private TestcontainersKafka() {
    }

    static String start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "testcontainers-kafka-stop"));
        return container.getBootstrapServers();
    }
}
