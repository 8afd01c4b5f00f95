package io.storyline.local.chaos;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which consumer owns each input partition of the nlp and dedupe groups, sampled now and then; counts how often
 * a partition changed hands (rebalances after a kill or a restart), so a run shows that partitions really moved.
 */
final class PartitionOwners {

    private static final List<String> GROUPS = List.of("nlp-service", "dedupe-service");

    private final String bootstrap;
    private final Map<TopicPartition, String> owners = new HashMap<>();
    private int moves;

    PartitionOwners(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Samples the groups' assignments; a partition assigned to another member than at the last sample is a move. */
    void sample() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(GROUPS).all().get(15, TimeUnit.SECONDS);
            for (ConsumerGroupDescription group : groups.values()) {
                for (MemberDescription member : group.members()) {
                    for (TopicPartition partition : member.assignment().topicPartitions()) {
                        String previous = owners.put(partition, member.consumerId());
                        if (previous != null && !previous.equals(member.consumerId())) {
                            moves++;
                        }
                    }
                }
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            // broker restarting or group rebalancing: the next sample sees the outcome
        }
    }

    int moves() {
        return moves;
    }
}
