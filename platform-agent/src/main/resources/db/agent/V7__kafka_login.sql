-- How the agent logs in to the master's Kafka (SASL/SCRAM), given by the master at registration;
-- a new registration replaces the password. ca_certificate is the PEM of the brokers' CA, when
-- the master has one configured. An agent joined before these columns existed registers again.
ALTER TABLE integration ADD COLUMN kafka_security_protocol VARCHAR(32) NULL;
ALTER TABLE integration ADD COLUMN kafka_sasl_mechanism VARCHAR(32) NULL;
ALTER TABLE integration ADD COLUMN kafka_username VARCHAR(255) NULL;
ALTER TABLE integration ADD COLUMN kafka_password VARCHAR(255) NULL;
ALTER TABLE integration ADD COLUMN kafka_ca_certificate CLOB NULL;
