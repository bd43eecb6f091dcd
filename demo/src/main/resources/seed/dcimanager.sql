-- The dcimanager's address space before it joins: a server network limited to dc-east, one
-- shared by both locations for IPMI, a pool on each, and servers holding addresses (their owner
-- names stay on the platform).
INSERT INTO ipnet (id, name, addr, prefix, gateway, vlan, locations, note) VALUES
    (1, 'east-servers', '10.30.0.0', 24, '10.30.0.1', 300, '["dc-east"]', 'bare metal in dc-east'),
    (2, 'ipmi', '10.40.0.0', 24, '10.40.0.1', 400, NULL, 'out-of-band management');

INSERT INTO ippool (id, name, locations, note) VALUES
    (1, 'east-servers', '["dc-east"]', NULL),
    (2, 'ipmi', NULL, NULL);

INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES
    (1, 1, 1, '10.30.0.10', '10.30.0.250'),
    (2, 2, 2, '10.40.0.10', '10.40.0.250');

INSERT INTO ip (id, ippool, addr, status, owner, dnsbl, note) VALUES
    (1, 1, '10.30.0.10', 'allocated', 'srv-east-01', NULL, NULL),
    (2, 1, '10.30.0.11', 'allocated', 'srv-east-02', NULL, NULL),
    (3, 1, '10.30.0.12', 'reserved', NULL, NULL, 'spare for a failed disk'),
    (4, 2, '10.40.0.10', 'allocated', 'srv-east-01', NULL, NULL),
    (5, 2, '10.40.0.11', 'allocated', 'srv-east-02', NULL, NULL);
