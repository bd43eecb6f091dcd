package org.ipledger.agent.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.SilencingProxy;
import org.ipledger.agent.capture.BinlogPosition;
import org.ipledger.agent.capture.CaptureStatus;
import org.ipledger.agent.capture.ChangeCapture;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.embedded.EmbeddedMariaDb;
import org.ipledger.master.ApiClient;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.OneMaster;

/**
 * An agent down while its platform's server purged the binlog capture was to resume from cannot
 * capture again: it says so, naming the file and what to do, instead of trying to start forever,
 * and goes on serving reads. The platform's database is on a server of its own, whose binlog the
 * test may purge. Both cases share the master, each joining a platform of its own.
 */
class CaptureAfterPurgedBinlogIT extends OneMaster {

    @TempDir
    Path dataDir;

    @TempDir
    Path serverDir;

    @Test
    void anAgentRestartedAfterItsBinlogWasPurgedReportsCaptureFailedNamingTheFileAndStillServesReads() throws Exception {
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(serverDir.resolve("platform"), false, 0, 31)) {
            PlatformDatabase platform = PlatformDatabases.freshOn(server);
            AgentInstance agent = AgentInstance.start(dataDir, platform);
            JoinChecksIT.join(agent.operator(), master.baseUrl(), MasterInstance.ADMIN_PASSWORD);
            AgentJoinIT.awaitState(agent.operator(), "active");
            // Captured and confirmed: capture has stored offsets in the binlog's current file.
            platform.jdbc().sql("INSERT INTO ipnet (name, addr, prefix) VALUES ('before', '10.80.0.0', 24)").update();
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> database.count("SELECT COUNT(*) FROM ipnet WHERE addr = '10.80.0.0'") == 1);
            String resumeFile = BinlogPosition.current(platform).file();
            agent.close();

            platform.jdbc().sql("INSERT INTO ipnet (name, addr, prefix) VALUES ('while down', '10.81.0.0', 24)").update();
            purgeBinlogsThrough(platform, resumeFile);
            agent = AgentInstance.start(dataDir, platform);
            try {
                ChangeCapture capture = agent.bean(ChangeCapture.class);
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().failed().isPresent());

                CaptureStatus status = capture.status();
                assertThat(status.running()).isFalse();
                assertThat(status.waiting()).isEmpty();
                assertThat(status.failed().orElseThrow()).contains(resumeFile).contains("Detach the agent and join it again");
                ApiClient admin = AgentJoinIT.admin(agent);
                JsonNode health = new ApiClient(agent.managementUrl(), admin.token()).get("/actuator/health").json()
                        .get("components").get("capture");
                assertThat(health.get("status").asString()).isEqualTo("DOWN");
                assertThat(health.get("details").get("failed").asString()).contains(resumeFile);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/v1/networks").json()
                        .get("items").findValuesAsString("cidr"), cidrs -> cidrs.contains("10.80.0.0/24"));
                // Tried once, not again and again: still failed, with nothing started meanwhile.
                Thread.sleep(Duration.ofSeconds(6).toMillis());
                assertThat(capture.status().failed()).isPresent();
                assertThat(capture.status().running()).isFalse();
            } finally {
                agent.close();
            }
        }
    }

    @Test
    void aRunningAgentCutOffFromItsBinlogWhileTheBinlogWasPurgedReportsCaptureFailedNamingTheFile() throws Exception {
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(serverDir.resolve("platform"), false, 0, 32);
                SilencingProxy network = SilencingProxy.to(server.port())) {
            PlatformDatabase root = PlatformDatabases.freshOn(server);
            // The agent reaches its server through the proxy, so the test can drop the binlog connection silently.
            String proxied = root.jdbcUrl().replace(":" + server.port() + "/", ":" + network.port() + "/");
            PlatformDatabase platform = PlatformDatabase.connect(proxied, root.username(), root.password(),
                    new DriverManagerDataSource(proxied, root.username(), root.password()));
            AgentInstance agent = AgentInstance.start(dataDir, platform, "ipledger.agent.capture.stall-timeout=10s");
            try {
                JoinChecksIT.join(agent.operator(), master.baseUrl(), MasterInstance.ADMIN_PASSWORD);
                AgentJoinIT.awaitState(agent.operator(), "active");
                root.jdbc().sql("INSERT INTO ipnet (name, addr, prefix) VALUES ('before', '10.82.0.0', 24)").update();
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> database.count("SELECT COUNT(*) FROM ipnet WHERE addr = '10.82.0.0'") == 1);
                String resumeFile = BinlogPosition.current(root).file();

                // The binlog client hears nothing more and reconnects by itself, into the purged binlog. How its
                // keep-alive thread and its reader meet that failure is a race: either the engine stops, or the
                // client hangs, neither streaming nor stopped (two runs in three here), until capture, hearing nothing
                // for the stall timeout, is started again. Both end with the file found gone.
                String dumpClient = root.jdbc().sql("SELECT HOST FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'")
                        .query(String.class).single();
                network.silence(Integer.parseInt(dumpClient.substring(dumpClient.lastIndexOf(':') + 1)));
                root.jdbc().sql("INSERT INTO ipnet (name, addr, prefix) VALUES ('cut off', '10.83.0.0', 24)").update();
                purgeBinlogsThrough(root, resumeFile);

                ChangeCapture capture = agent.bean(ChangeCapture.class);
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().failed().isPresent());
                assertThat(capture.status().running()).isFalse();
                assertThat(capture.status().failed().orElseThrow()).contains(resumeFile)
                        .contains("Detach the agent and join it again");
            } finally {
                agent.close();
            }
        }
    }

    /**
     * Rotates the binlog and purges every file up to and including this one. The server keeps a
     * file a replica still reads until it notices that reader is gone (stopped or its dump thread
     * killed), so the purge is tried until the file is gone.
     */
    private static void purgeBinlogsThrough(PlatformDatabase platform, String file) {
        for (int i = 0; i < 3; i++) {
            platform.jdbc().sql("FLUSH BINARY LOGS").update();
        }
        String newest = BinlogPosition.current(platform).file();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            platform.jdbc().sql("PURGE BINARY LOGS TO '" + newest + "'").update();
            return !platform.jdbc().sql("SHOW BINARY LOGS").query((rs, row) -> rs.getString(1)).list().contains(file);
        });
    }
}
