-- The vmmanager's address space before it joins: two IPv4 networks and one IPv6 network, a pool
-- on each, a few addresses given to VMs (their owner names stay on the platform) and one reserved.
INSERT INTO ipnet (id, name, addr, prefix, gateway, vlan, locations, note) VALUES
    (1, 'vm-public', '10.10.0.0', 24, '10.10.0.1', 100, NULL, 'VMs reachable from outside'),
    (2, 'vm-private', '10.20.0.0', 22, '10.20.0.1', 200, NULL, 'VM back end'),
    (3, 'vm-v6', '2001:db8:10::', 64, '2001:db8:10::1', 100, NULL, NULL);

INSERT INTO ippool (id, name, locations, note) VALUES
    (1, 'vm-public', NULL, NULL),
    (2, 'vm-private', NULL, NULL),
    (3, 'vm-v6', NULL, NULL);

INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES
    (1, 1, 1, '10.10.0.10', '10.10.0.200'),
    (2, 2, 2, '10.20.0.10', '10.20.3.250'),
    (3, 3, 3, '2001:db8:10::100', '2001:db8:10::ffff');

INSERT INTO ip (id, ippool, addr, status, owner, dnsbl, note) VALUES
    (1, 1, '10.10.0.10', 'allocated', 'vm-web-1', NULL, NULL),
    (2, 1, '10.10.0.11', 'allocated', 'vm-web-2', NULL, NULL),
    (3, 1, '10.10.0.12', 'allocated', 'vm-mail-1', '["zen.spamhaus.org"]', NULL),
    (4, 1, '10.10.0.50', 'reserved', NULL, NULL, 'load balancer VIP'),
    (5, 2, '10.20.0.10', 'allocated', 'vm-web-1', NULL, NULL),
    (6, 2, '10.20.0.11', 'allocated', 'vm-db-1', NULL, NULL),
    (7, 3, '2001:db8:10::100', 'allocated', 'vm-web-1', NULL, NULL);
