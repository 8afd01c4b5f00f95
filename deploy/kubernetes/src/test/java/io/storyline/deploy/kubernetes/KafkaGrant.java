package io.storyline.deploy.kubernetes;

import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One permission on one Kafka resource: either what a service needs (a literal name; a name holding a
 * config expression such as dedupe-service-${storyline.instance-id} needs a prefix grant on its literal
 * start) or what a KafkaUser's ACL rule allows.
 */
record KafkaGrant(String resourceType, String name, boolean prefix, String operation) implements Comparable<KafkaGrant> {

    static KafkaGrant topic(String name, String operation) {
        return new KafkaGrant("topic", name, false, operation);
    }

    static KafkaGrant group(String name, String operation) {
        return named("group", name, operation);
    }

    static KafkaGrant transactionalId(String name, String operation) {
        return named("transactionalId", name, operation);
    }

    /** A name resolved per instance (e.g. dedupe-board-${quarkus.uuid}) is known only up to its first expression. */
    private static KafkaGrant named(String type, String name, String operation) {
        int expression = name.indexOf("${");
        return expression >= 0
                ? new KafkaGrant(type, name.substring(0, expression), true, operation)
                : new KafkaGrant(type, name, false, operation);
    }

    /** What a service needs: Read on what it consumes and its groups, Write on what it produces. */
    static Set<KafkaGrant> required(ServiceConfiguration service) {
        Set<KafkaGrant> grants = new TreeSet<>();
        service.reads().forEach(t -> grants.add(topic(t, "Read")));
        service.groups().forEach(g -> grants.add(group(g, "Read")));
        service.writes().forEach(t -> grants.add(topic(t, "Write")));
        service.transactionalIds().forEach(id -> grants.add(transactionalId(id, "Write")));
        return grants;
    }

    /** The allow rules of a KafkaUser's simple authorization, one grant per operation. */
    static List<KafkaGrant> granted(KafkaUser user) {
        List<KafkaGrant> grants = new ArrayList<>();
        if (!(user.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple simple)) {
            throw new AssertionError("KafkaUser " + user.getMetadata().getName() + " has no simple authorization");
        }
        for (AclRule rule : simple.getAcls()) {
            if (rule.getType() == AclRuleType.DENY) {
                throw new AssertionError("KafkaUser " + user.getMetadata().getName() + ": deny rules are not expected");
            }
            if (rule.getHost() != null && !rule.getHost().equals("*")) {
                throw new AssertionError("KafkaUser " + user.getMetadata().getName() + ": host-restricted rules are not expected");
            }
            String type;
            String name;
            AclResourcePatternType pattern;
            if (rule.getResource() instanceof AclRuleTopicResource t) {
                type = "topic";
                name = t.getName();
                pattern = t.getPatternType();
            } else if (rule.getResource() instanceof AclRuleGroupResource g) {
                type = "group";
                name = g.getName();
                pattern = g.getPatternType();
            } else if (rule.getResource() instanceof AclRuleTransactionalIdResource x) {
                type = "transactionalId";
                name = x.getName();
                pattern = x.getPatternType();
            } else if (rule.getResource() instanceof AclRuleClusterResource) {
                type = "cluster";
                name = "kafka-cluster";
                pattern = AclResourcePatternType.LITERAL;
            } else {
                throw new AssertionError("KafkaUser " + user.getMetadata().getName() + ": unknown ACL resource " + rule.getResource());
            }
            List<AclOperation> operations = new ArrayList<>();
            if (rule.getOperations() != null) {
                operations.addAll(rule.getOperations());
            }
            if (rule.getOperation() != null) {
                operations.add(rule.getOperation());
            }
            boolean prefix = pattern == AclResourcePatternType.PREFIX;
            for (AclOperation operation : operations) {
                grants.add(new KafkaGrant(type, name, prefix, operation.toValue()));
            }
        }
        return grants;
    }

    /** What a user's ACLs lack of what is needed, and what they grant that nothing needs. */
    record Difference(List<KafkaGrant> missing, List<KafkaGrant> surplus) {
    }

    static Difference compare(KafkaUser user, Set<KafkaGrant> required) {
        List<KafkaGrant> granted = granted(user);
        return new Difference(
                required.stream().filter(r -> granted.stream().noneMatch(g -> g.covers(r))).sorted().toList(),
                granted.stream().filter(g -> required.stream().noneMatch(g::covers)).sorted().toList());
    }

    /** Whether this granted permission allows the {@code needed} one. */
    boolean covers(KafkaGrant needed) {
        if (!resourceType.equals(needed.resourceType) || !(operation.equals(needed.operation) || operation.equals("All"))) {
            return false;
        }
        if (!prefix) {
            return !needed.prefix && name.equals(needed.name);
        }
        return needed.name.startsWith(name);
    }

    @Override
    public int compareTo(KafkaGrant o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return operation + " " + resourceType + " " + name + (prefix ? "*" : "");
    }
}
