package org.ipledger.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FaultScheduleTests {

    private static final List<String> IN_PROCESS_BROKER = List.of("master", "agent-0", "agent-1", "agent-2", "platform-db");
    private static final List<String> BROKER_APART = List.of("master", "broker", "agent-0", "agent-1", "agent-2",
            "platform-db");

    @Test
    void everyScheduleKillsTheMasterAndAnAgentFreezesAProcessAndFaultsThePlatformsDatabase() {
        for (long seed = 1; seed <= 50; seed++) {
            List<Fault> schedule = FaultSchedule.draw(seed, 90_000, IN_PROCESS_BROKER);

            assertThat(schedule).as("seed %d", seed)
                    .anyMatch(fault -> fault.node().equals("master") && fault.kind() == Fault.Kind.KILL)
                    .anyMatch(fault -> fault.node().startsWith("agent-") && fault.kind() == Fault.Kind.KILL)
                    .anyMatch(fault -> fault.kind() == Fault.Kind.FREEZE)
                    .anyMatch(fault -> fault.node().equals(FaultSchedule.DATABASE))
                    .noneMatch(fault -> fault.node().equals(FaultSchedule.BROKER));
        }
    }

    @Test
    void aBrokerApartIsKilledInEverySchedule() {
        for (long seed = 1; seed <= 50; seed++) {
            assertThat(FaultSchedule.draw(seed, 90_000, BROKER_APART)).as("seed %d", seed)
                    .anyMatch(fault -> fault.node().equals(FaultSchedule.BROKER) && fault.kind() == Fault.Kind.KILL);
        }
    }

    @Test
    void theCiRunKillsAndFreezesTheMasterAnAgentAndThePlatformsDatabaseAndFaultsTwoAtOnce() {
        List<Fault> schedule = FaultSchedule.draw(FaultRunIT.CI_SEED, FaultRunIT.CI_SECONDS * 1000, IN_PROCESS_BROKER);

        for (String node : List.of("master", "agent-", FaultSchedule.DATABASE)) {
            for (Fault.Kind kind : Fault.Kind.values()) {
                assertThat(schedule).as("%s %s", kind, node)
                        .anyMatch(fault -> fault.node().startsWith(node) && fault.kind() == kind);
            }
        }
        assertThat(schedule.stream().map(Fault::atMs).distinct().count()).as("moments").isLessThan(schedule.size());
    }

    @Test
    void theSameSeedDrawsTheSameSchedule() {
        assertThat(FaultSchedule.draw(7, 300_000, BROKER_APART)).isEqualTo(FaultSchedule.draw(7, 300_000, BROKER_APART));
    }
}
