"""The shell's readers of broker configuration: each turns one file (or one YAML document,
already read by the loader's YAML reader) into a `BrokerPart`, grants and provisioned topics
with their file and line.

    strimzi    KafkaTopic and KafkaUser documents (kafka.strimzi.io/v1beta2 and v1)
    dapr       pub/sub Component and Subscription documents
    acls       `kafka-acls --list` output saved to a file (*.acls, *.acl.txt)
    terraform  `terraform show -json` state or plan with Kafka or Confluent resources

Files are recognised by content (and, for kafka-acls listings, by name); the loader
(archlint.loader) calls these and assembles the parts into the estate's `Broker`.
"""

from __future__ import annotations

from archlint.broker.readers.part import BrokerPart, Resource, is_acls_file, is_terraform_json

__all__ = ["BrokerPart", "Resource", "is_acls_file", "is_terraform_json"]
