package io.storyline.deploy.kubernetes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the consistency checks read a service's configuration, with Quarkus' and SmallRye's defaults. */
class ServiceConfigurationTest {

    static List<String> services() {
        return ServiceConfiguration.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void theRealConfigurationOfEachServiceIsRead(String service) {
        ServiceConfiguration config = ServiceConfiguration.load(service);
        System.out.printf("%s: reads %s (groups %s), writes %s, transactional ids %s, health on :%d %s %s%n", service,
                config.reads(), config.groups(), config.writes(), config.transactionalIds(), config.healthPort(),
                config.readinessPath(), config.livenessPath());
        assertThat(config.reads()).isNotEmpty();
        assertThat(config.writes()).isNotEmpty();
        assertThat(config.groups()).isNotEmpty();
    }

    @Test
    void aTopicReadByAConsumerBuiltInCodeIsReadWithoutAGroup() {
        // ingest's revision ledger follows news.articles.raw with a consumer of its own (LedgerRecovery)
        ServiceConfiguration ingest = ServiceConfiguration.load("ingest-service");
        assertThat(ingest.reads()).containsExactlyInAnyOrder("news.scraped", "news.articles.raw");
        assertThat(ingest.groups()).containsExactly("ingest-service");
        assertThat(ingest.writes()).contains("news.articles.raw");
    }

    @Test
    void channelDefaultsAreSmallRyesAndQuarkus() {
        ServiceConfiguration config = ServiceConfiguration.parse("svc", """
                quarkus.application.name=svc
                mp.messaging.incoming.orders.connector=smallrye-kafka
                mp.messaging.incoming.orders.failure-strategy=dead-letter-queue
                mp.messaging.outgoing.invoices.connector=smallrye-kafka
                mp.messaging.incoming.in-memory.connector=smallrye-in-memory
                mp.messaging.incoming.in-memory.topic=not.kafka
                """);
        assertThat(config.reads()).containsExactly("orders");
        assertThat(config.groups()).containsExactly("svc");
        assertThat(config.writes()).containsExactlyInAnyOrder("invoices", "dead-letter-topic-orders");
        assertThat(config.offsetResetByTopic()).containsEntry("orders", "latest");
        assertThat(config.healthPort()).isEqualTo(8080);
        assertThat(config.readinessPath()).isEqualTo("/q/health/ready");
        assertThat(config.livenessPath()).isEqualTo("/q/health/live");
        assertThat(config.startupPath()).isEqualTo("/q/health/started");
    }

    @Test
    void theProdProfileWinsWhateverTheOrder() {
        ServiceConfiguration config = ServiceConfiguration.parse("svc", """
                %prod.mp.messaging.incoming.a.topic=prod.topic
                mp.messaging.incoming.a.topic=plain.topic
                %dev.mp.messaging.incoming.a.topic=dev.topic
                mp.messaging.incoming.a.group.id=g
                quarkus.http.port=8081
                %prod.quarkus.http.port=9090
                """);
        assertThat(config.reads()).containsExactly("prod.topic");
        assertThat(config.groups()).containsExactly("g");
        assertThat(config.healthPort()).isEqualTo(9090);
    }

    @Test
    void healthMovesWithTheManagementInterfaceAndItsPaths() {
        ServiceConfiguration config = ServiceConfiguration.parse("svc", """
                quarkus.http.port=8081
                quarkus.management.enabled=true
                quarkus.http.non-application-root-path=/internal/
                quarkus.smallrye-health.readiness-path=ok
                """);
        assertThat(config.healthPort()).isEqualTo(9000);
        assertThat(config.readinessPath()).isEqualTo("/internal/health/ok");
        assertThat(config.livenessPath()).isEqualTo("/internal/health/live");
    }

    @Test
    void aPatternSubscriptionCannotBeChecked() {
        assertThatThrownBy(() -> ServiceConfiguration.parse("svc", """
                mp.messaging.incoming.all.topic=news\\\\..*
                mp.messaging.incoming.all.pattern=true
                """)).hasMessageContaining("subscribes by pattern");
    }

    @Test
    void aTransactionalIdWithAnExpressionNeedsAPrefixGrant() {
        ServiceConfiguration config = ServiceConfiguration.parse("svc", """
                mp.messaging.outgoing.out.topic=t
                mp.messaging.outgoing.out.transactional.id=svc-${storyline.instance-id}
                """);
        KafkaGrant needed = KafkaGrant.required(config).stream().filter(g -> g.resourceType().equals("transactionalId"))
                .findFirst().orElseThrow();
        assertThat(needed).isEqualTo(new KafkaGrant("transactionalId", "svc-", true, "Write"));
        assertThat(new KafkaGrant("transactionalId", "svc-", true, "Write").covers(needed)).isTrue();
        assertThat(new KafkaGrant("transactionalId", "s", true, "Write").covers(needed)).isTrue();
        assertThat(new KafkaGrant("transactionalId", "svc-", false, "Write").covers(needed)).isFalse();
        assertThat(new KafkaGrant("transactionalId", "other-", true, "Write").covers(needed)).isFalse();
        assertThat(new KafkaGrant("topic", "t", false, "Read").covers(KafkaGrant.topic("t", "Write"))).isFalse();
        assertThat(new KafkaGrant("topic", "t", false, "All").covers(KafkaGrant.topic("t", "Write"))).isTrue();
    }
}
