-- The platform agent's user on a platform database (created by the image from MYSQL_USER, with
-- every privilege on MYSQL_DATABASE): Debezium's change capture also needs these, server-wide.
GRANT SELECT, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'ipledger'@'%';
