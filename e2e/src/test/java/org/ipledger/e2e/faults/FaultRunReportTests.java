package org.ipledger.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FaultRunReportTests {

    @Test
    void aRecoveryRunningIntoTheNextFaultOfTheMasterOrOfTheAgentIsLeftToThatFault() {
        FaultRunner.Outcome freeze = new FaultRunner.Outcome(new Fault(0, "master", Fault.Kind.FREEZE, 1_000), 0, 1_000);
        FaultRunner.Outcome kill = new FaultRunner.Outcome(new Fault(0, "master", Fault.Kind.KILL, 3_000), 1_100, 5_000);
        FaultRunner.Outcome agentKill = new FaultRunner.Outcome(new Fault(0, "agent-2", Fault.Kind.KILL, 1_000), 500, 1_050);
        List<Request> history = List.of(written(1, 6_000), written(2, 6_500));

        String report = FaultRunReport.render(1, 10_000, false, List.of(freeze, agentKill, kill), history, List.of(), List.of());

        assertThat(report).contains("SIGSTOP master       for 1.0 s  back at    1.0 s, recovery: p1 (the master or broker "
                        + "down meanwhile) p2 (its agent down meanwhile)")
                .contains("SIGKILL agent-2      for 1.0 s  back at    1.1 s, recovery: p1 (the master or broker down meanwhile) "
                        + "p2 (the master or broker down meanwhile)")
                .contains("SIGKILL master       for 3.0 s  back at    5.0 s, recovery: p1 1.0 s p2 1.5 s");
    }

    @Test
    void aRecoveryWhileTheMasterFaultedAtTheSameMomentIsStillDownIsLeftToTheMastersFault() {
        FaultRunner.Outcome agentFreeze = new FaultRunner.Outcome(new Fault(0, "agent-0", Fault.Kind.FREEZE, 1_000), 0, 1_000);
        FaultRunner.Outcome masterKill = new FaultRunner.Outcome(new Fault(0, "master", Fault.Kind.KILL, 1_000), 0, 4_000);
        List<Request> history = List.of(written(1, 5_000));

        String report = FaultRunReport.render(1, 10_000, false, List.of(agentFreeze, masterKill), history, List.of(), List.of());

        assertThat(report).contains("SIGSTOP agent-0      for 1.0 s  back at    1.0 s, recovery: p1 (the master or broker down meanwhile)")
                .contains("SIGKILL master       for 1.0 s  back at    4.0 s, recovery: p1 1.0 s");
    }

    private static Request written(int platform, long answeredAt) {
        return new Request("r" + platform, platform, Request.Kind.ALLOCATE, 7, null, null,
                List.of(new Attempt(answeredAt - 10, answeredAt, 201, null, List.of("10.0.0." + platform))), false);
    }
}
