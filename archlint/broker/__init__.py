"""The broker side of the estate: the index the BR rules read (archlint.broker.index, pure)
and the readers of Strimzi, kafka-acls, Terraform and Dapr files (archlint.broker.readers,
the shell). The grants and provisioned topics themselves are part of the model
(archlint.model: Grant, Provision, Broker)."""
