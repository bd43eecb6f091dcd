#!/usr/bin/env bash
# The compose broker as the master's embedded one runs: clients log in with SASL/SCRAM-SHA-512,
# the StandardAuthorizer allows only what an ACL grants, and the master's principal is the super
# user. Its credential can only be added when the storage is formatted, so this script formats
# (once, with --add-scram) and then starts the broker, instead of the image's own entrypoint.
set -euo pipefail

: "${CLUSTER_ID:?}" "${KAFKA_MASTER_USER:?}" "${KAFKA_MASTER_PASSWORD:?}"
data=/var/lib/kafka/data
config=/tmp/ipledger-server.properties
# The controller listens on the container's loopback only; the broker half logs in to it with
# SASL/PLAIN (SCRAM credentials live in the metadata the controller serves) as a user whose
# password is drawn anew at every start.
controller_password=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')

cat > "$config" <<PROPERTIES
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@127.0.0.1:9093
listeners=BROKER://:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=BROKER://kafka:9092
listener.security.protocol.map=BROKER:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=BROKER
controller.listener.names=CONTROLLER
listener.name.broker.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.broker.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${KAFKA_MASTER_USER}" password="${KAFKA_MASTER_PASSWORD}";
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="ipledger_controller" password="${controller_password}" user_ipledger_controller="${controller_password}";
sasl.mechanism.controller.protocol=PLAIN
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:${KAFKA_MASTER_USER};User:ipledger_controller
log.dirs=${data}
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES

# For the health check, which is a client like any other.
cat > /tmp/ipledger-client.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${KAFKA_MASTER_USER}" password="${KAFKA_MASTER_PASSWORD}";
PROPERTIES

if [[ ! -f "$data/meta.properties" ]]; then
    /opt/kafka/bin/kafka-storage.sh format --cluster-id "$CLUSTER_ID" --config "$config" \
        --add-scram "SCRAM-SHA-512=[name=${KAFKA_MASTER_USER},password=${KAFKA_MASTER_PASSWORD}]"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$config"
