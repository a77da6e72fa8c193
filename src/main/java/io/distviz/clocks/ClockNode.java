package io.distviz.clocks;

import io.distviz.clocks.ClockEvent.Adjustment;
import io.distviz.clocks.ClockEvent.ReadPurpose;
import io.distviz.clocks.ClockMessage.BerkeleyAdjust;
import io.distviz.clocks.ClockMessage.BerkeleyPoll;
import io.distviz.clocks.ClockMessage.BerkeleyReading;
import io.distviz.clocks.ClockMessage.CristianReply;
import io.distviz.clocks.ClockMessage.CristianRequest;
import io.distviz.clocks.ClockMessage.NtpReply;
import io.distviz.clocks.ClockMessage.NtpRequest;
import io.distviz.sim.Input;
import io.distviz.sim.Message;
import io.distviz.sim.Node;
import io.distviz.sim.NodeId;
import io.distviz.sim.Timer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One machine with a clock. Its oscillator is a {@link HardwareClock} and the clock its programs read is a
 * {@link SoftwareClock} on top; synchronization only ever changes the latter, through messages.
 *
 * <p>The clock models are physics: they turn the kernel's true time into what this machine's counter shows, so
 * they are the one place that evaluates {@code nowMicros()}. The protocol code never sees true time; every
 * timestamp it sends or compares comes from {@link #read}, the software clock with read jitter drawn from the
 * node's own stream. (A reference source's clock is true time up to its jitter: that is what a reference is.)
 *
 * <p>Whatever its role, a node answers Cristian requests, Berkeley polls and NTP requests from its own clock
 * (plus its lie, if it was told to lie). Its role says what it does on its own: nothing, ask a Cristian server,
 * run Berkeley rounds as master or obey a master, or poll NTP servers. A crash loses the software clock's
 * corrections but not the oscillator, which keeps running, as a battery-backed clock does; on restart the
 * software clock reads the hardware again.
 */
public final class ClockNode extends Node {
    private static final long serialVersionUID = 1L;

    /** ntpd's distance threshold (tos maxdist; RFC 5905's MAXDIST is 1 s): a server further off is not selectable. */
    static final long MAX_DISTANCE_NANOS = 1_500_000_000L;
    /** RFC 5905 MAXSTRAT: stratum 16 means "not synchronized". */
    public static final int UNSYNCHRONIZED = 16;
    /** The discipline fits its line through at most this many recent samples... */
    static final int DISCIPLINE_POINTS = 64;
    /** ... from at most this far back (hardware time): temperature changes the rate within the hour. */
    static final long DISCIPLINE_WINDOW_NANOS = 1_800_000_000_000L;
    /** ... and fits a rate only once they span this many poll intervals (before, it corrects the time only). */
    static final long DISCIPLINE_MIN_SPAN_POLLS = 4;
    /** The frequency correction never exceeds ntpd's limit of 500 ppm. */
    static final long MAX_FREQUENCY_CORRECTION_PPT = 500L * ClockKind.PPT_PER_PPM;

    /** ntpd's burst spacing ("iburst"): 2 s between polls until the node is first synchronized. */
    static final long BURST_MICROS = 2_000_000L;

    enum Tick { POLL, BERKELEY_ROUND_END }

    record CristianTimeout(long sequence) implements Serializable {
    }

    /**
     * One sample as the discipline remembers it: when it was taken (hardware clock) and what it said true time
     * minus the hardware clock was (its offset plus every correction made so far, so our own corrections cancel).
     */
    record DisciplinePoint(NodeId server, long hardwareNanos, long trueMinusHardwareNanos, long distanceNanos)
            implements Serializable {
    }

    /** What survives a crash: the oscillator (which keeps running), the role and configuration, the lie. */
    record Durable(HardwareClock hardware, SyncRole role, ClockConfig config, long lieNanos) implements Serializable {
    }

    private static final long NONE = Long.MIN_VALUE;

    private ClockConfig config;
    private SyncRole role;
    private final ClockKind initialKind;
    private final ClockFigures initialFigures;
    private final Durable durable;

    private SoftwareClock clock;
    private long lastReadingNanos = NONE;
    private long lieNanos;
    private Timer pollTimer;
    private ClockNodeState.LastSync lastSync;
    /** Whether the clock was corrected since the role began. */
    private boolean corrected;

    // ------------------------------------------------------------------ Cristian client
    private long cristianSequence;
    private long cristianAskedNanos = NONE;
    private boolean cristianAskedWhileSlewing;
    private Timer cristianTimeout;

    // ------------------------------------------------------------------ Berkeley master
    private long berkeleyRound;
    private boolean roundOpen;
    private long roundPolledNanos;
    private final TreeMap<NodeId, BerkeleyAverage.Reading> roundReadings = new TreeMap<>();
    private Timer roundTimer;

    // ------------------------------------------------------------------ NTP
    private final TreeMap<NodeId, Peer> peers = new TreeMap<>();
    private int stratum = UNSYNCHRONIZED;
    private NodeId systemPeer;
    private long rootDelayNanos;
    private long rootDispersionNanos;
    /** The recent samples the discipline fits its line through, oldest first. */
    private final ArrayList<DisciplinePoint> history = new ArrayList<>();

    /** Hardware time of the last clock update (the root dispersion grows from it). */
    private long lastUpdateHardwareNanos = NONE;

    /** One NTP association: what the node knows of one of its servers. */
    private static final class Peer implements Serializable {
        private static final long serialVersionUID = 1L;
        final NodeId server;
        final ClockFilter filter = new ClockFilter();
        long outstandingOriginNanos = NONE;
        int reach;
        int stratum = UNSYNCHRONIZED;
        long rootDelayNanos;
        long rootDispersionNanos;
        long precisionNanos;
        long lastUsedSampleNanos = NONE;
        ClockNodeState.Status status = ClockNodeState.Status.UNREACHABLE;

        Peer(NodeId server) {
            this.server = server;
        }
    }

    /**
     * @param kind    the oscillator to draw at the start (ignored when {@code figures} or {@code durable} is given)
     * @param figures exact figures instead of a draw, or null
     * @param durable what the node had when it crashed, or null for a new node
     */
    public ClockNode(NodeId id, ClockConfig config, SyncRole role, ClockKind kind, ClockFigures figures,
                     Durable durable) {
        super(id);
        this.config = Objects.requireNonNull(durable != null ? durable.config() : config, "config");
        this.role = Objects.requireNonNull(durable != null ? durable.role() : role, "role");
        this.initialKind = Objects.requireNonNull(kind, "kind");
        this.initialFigures = figures;
        this.durable = durable;
        this.lieNanos = durable != null ? durable.lieNanos() : 0;
    }

    @Override
    protected Serializable durableState() {
        return new Durable(clock.hardware(), role, config, lieNanos);
    }

    // =========================================================================================== entry point

    @Override
    protected void step(Input input) {
        if (input instanceof Input.Receive r) {
            receive(r.message());
        } else if (input instanceof Input.TimerFired t) {
            timer(t.timer());
        } else if (input instanceof Input.Command c) {
            command((ClockCommand) c.command());
        } else if (input instanceof Input.Start s) {
            start(s.restart());
        }
    }

    private void start(boolean restart) {
        long now = nowMicros();
        HardwareClock hardware;
        if (durable != null) {
            hardware = durable.hardware();
        } else if (role instanceof SyncRole.Reference ref) {
            hardware = HardwareClock.perfect(now, ref.kind().readJitterNanos());
        } else if (initialFigures != null) {
            hardware = initialFigures.toHardware(now);
        } else {
            hardware = HardwareClock.draw(initialKind, now, random());
        }
        clock = SoftwareClock.following(hardware, now, config.slewRatePpm());
        emit(new ClockEvent.ClockSet(restart ? ClockEvent.SetReason.RESTART : ClockEvent.SetReason.START, clock));
        beginRole();
    }

    /** Protocol state starts afresh for the current role; the first poll comes within two seconds. */
    private void beginRole() {
        cancelTimer(pollTimer);
        cancelTimer(cristianTimeout);
        cancelTimer(roundTimer);
        pollTimer = null;
        cristianTimeout = null;
        roundTimer = null;
        cristianAskedNanos = NONE;
        corrected = false;
        roundOpen = false;
        roundReadings.clear();
        peers.clear();
        systemPeer = null;
        lastUpdateHardwareNanos = NONE;
        history.clear();
        rootDelayNanos = 0;
        rootDispersionNanos = 0;
        setStratum(role instanceof SyncRole.Reference ? 0 : UNSYNCHRONIZED, null);
        if (role instanceof SyncRole.NtpClient ntp) {
            for (NodeId s : ntp.servers()) {
                peers.put(s, new Peer(s));
            }
        }
        recordState("role", role.label());
        if (polls()) {
            // Nodes started together should not all ask at the same microsecond.
            long first = random().nextLong(Math.min(config.pollIntervalMicros(), 2_000_000L));
            pollTimer = setTimer(first, Tick.POLL);
        }
    }

    /**
     * The poll interval; but an NTP client that is not synchronized yet polls every {@link #BURST_MICROS}, as
     * ntpd's "iburst" does, so that its filters fill in seconds rather than minutes.
     */
    private long nextPollMicros() {
        if (role instanceof SyncRole.NtpClient && stratum >= UNSYNCHRONIZED) {
            return Math.min(BURST_MICROS, config.pollIntervalMicros());
        }
        return config.pollIntervalMicros();
    }

    private boolean polls() {
        return role instanceof SyncRole.CristianClient || role instanceof SyncRole.BerkeleyMaster
                || role instanceof SyncRole.NtpClient;
    }

    private void timer(Timer t) {
        Serializable tag = t.tag();
        if (tag == Tick.POLL) {
            pollTimer = setTimer(nextPollMicros(), Tick.POLL);
            poll();
        } else if (tag == Tick.BERKELEY_ROUND_END) {
            roundTimer = null;
            endBerkeleyRound();
        } else if (tag instanceof CristianTimeout ct) {
            cristianTimeout = null;
            if (ct.sequence() == cristianSequence && cristianAskedNanos != NONE) {
                cristianAskedNanos = NONE;
                emit(new ClockEvent.SyncRejected(SyncAlgorithm.CRISTIAN, ((SyncRole.CristianClient) role).server(),
                        "no answer within " + config.maxRoundTripMicros() / 1000 + " ms"));
            }
        }
    }

    private void poll() {
        if (role instanceof SyncRole.CristianClient c) {
            askCristian(c.server());
        } else if (role instanceof SyncRole.BerkeleyMaster m) {
            startBerkeleyRound(m.followers());
        } else if (role instanceof SyncRole.NtpClient) {
            pollNtpServers();
        }
    }

    private void command(ClockCommand c) {
        long now = nowMicros();
        if (c instanceof ClockCommand.Configure k) {
            boolean rateChanged = k.config().slewRatePpm() != config.slewRatePpm();
            config = k.config();
            role = k.role();
            if (rateChanged) {
                clock = clock.withSlewRate(now, config.slewRatePpm());
                emit(new ClockEvent.ClockSet(ClockEvent.SetReason.SLEW_RATE, clock));
            }
            beginRole();
        } else if (c instanceof ClockCommand.SetKind k) {
            HardwareClock drawn = HardwareClock.draw(k.kind(), now, random());
            HardwareClock h = clock.hardware().continuedAs(now, k.kind(), drawn.skewPpt(), drawn.agingPptPerDay(),
                    drawn.temperatureAmplitudePpt(), drawn.temperaturePeriodMicros(), drawn.temperaturePhaseMicros(),
                    drawn.readJitterNanos());
            clock = clock.withHardware(now, h);
            emit(new ClockEvent.ClockSet(ClockEvent.SetReason.KIND, clock));
        } else if (c instanceof ClockCommand.SetFigures f) {
            ClockFigures x = f.figures();
            HardwareClock h = clock.hardware().continuedAs(now, ClockKind.CUSTOM, x.skewPpt(), x.agingPptPerDay(),
                    x.temperatureAmplitudePpt(), x.temperaturePeriodMicros(), 0, x.readJitterNanos());
            clock = clock.withHardware(now, h);
            emit(new ClockEvent.ClockSet(ClockEvent.SetReason.CUSTOM, clock));
        } else if (c instanceof ClockCommand.SetOffset o) {
            clock = clock.setTo(now, o.offsetNanos());
            lastReadingNanos = NONE;
            emit(new ClockEvent.ClockSet(ClockEvent.SetReason.OFFSET, clock));
        } else if (c instanceof ClockCommand.Lie l) {
            lieNanos = l.offsetNanos();
            recordState("lie", lieNanos == 0 ? "honest" : lieNanos + " ns");
        } else if (c instanceof ClockCommand.SyncNow) {
            poll();
        } else if (c instanceof ClockCommand.ReadClock) {
            read(ReadPurpose.BY_HAND);
        }
    }

    // =========================================================================================== the clock

    /** A reading of the software clock, as a program gets it: jitter included, monotonic if so configured. */
    private long read(ReadPurpose purpose) {
        long now = nowMicros();
        long reading = Math.round(clock.readingNanos(now)) + clock.hardware().jitterNanos(random());
        if (config.monotonic() && lastReadingNanos != NONE && reading < lastReadingNanos) {
            reading = lastReadingNanos;
        }
        lastReadingNanos = reading;
        emit(new ClockEvent.ClockRead(purpose, reading));
        return reading;
    }

    /** What this node tells others its clock reads. */
    private long serve(ReadPurpose purpose) {
        return read(purpose) + lieNanos;
    }

    /** The raw counter, for ages: the node may look at its own oscillator, which no correction moves. */
    private long hardwareNanos() {
        return Math.round(clock.hardware().readingNanos(nowMicros()));
    }

    /** Software minus hardware: the corrections made so far, which the node knows of its own clock. */
    private long correctionNanos() {
        return Math.round(clock.correctionNanos(nowMicros()));
    }

    /** The steps and slews made so far, added up (what NTP's filter shifts old samples by). */
    private long phaseCorrectionNanos() {
        return Math.round(clock.phaseCorrectionNanos(nowMicros()));
    }

    private long precisionNanos() {
        return clock.hardware().readJitterNanos();
    }

    /**
     * Corrects the clock by {@code amountNanos}: a step or a slew, as the configuration says. The first
     * correction since the role began steps unless the node may only slew, as a machine sets its clock once at
     * boot (ntpd -g, chrony's makestep): slewing away a boot offset of 100 ms would take 200 s.
     */
    private Adjustment adjust(SyncAlgorithm algorithm, long amountNanos) {
        long now = nowMicros();
        boolean step = config.steps(amountNanos)
                || (!corrected && config.adjustMode() != ClockConfig.AdjustMode.SLEW);
        corrected = true;
        clock = step ? clock.stepped(now, amountNanos) : clock.slewing(now, amountNanos);
        Adjustment how = step ? Adjustment.STEP : Adjustment.SLEW;
        emit(new ClockEvent.ClockAdjusted(algorithm, how, amountNanos, clock.frequencyCorrectionPpt(), clock));
        return how;
    }

    // =========================================================================================== receiving

    private void receive(Message m) {
        ClockMessage msg = (ClockMessage) m.payload();
        NodeId from = m.from();
        if (msg instanceof CristianRequest q) {
            send(from, new CristianReply(q.sequence(), serve(ReadPurpose.CRISTIAN_ANSWER), precisionNanos()));
        } else if (msg instanceof CristianReply r) {
            cristianReply(from, r);
        } else if (msg instanceof BerkeleyPoll p) {
            send(from, new BerkeleyReading(p.round(), serve(ReadPurpose.BERKELEY_ANSWER)));
        } else if (msg instanceof BerkeleyReading r) {
            berkeleyReading(from, r);
        } else if (msg instanceof BerkeleyAdjust a) {
            berkeleyAdjust(from, a);
        } else if (msg instanceof NtpRequest q) {
            ntpRequest(from, q);
        } else if (msg instanceof NtpReply r) {
            ntpReply(from, r);
        }
    }

    // =========================================================================================== Cristian

    private void askCristian(NodeId server) {
        if (cristianAskedNanos != NONE) {
            emit(new ClockEvent.SyncRejected(SyncAlgorithm.CRISTIAN, server, "previous request still unanswered"));
        }
        cancelTimer(cristianTimeout);
        cristianSequence++;
        cristianAskedNanos = read(ReadPurpose.CRISTIAN_ASK);
        cristianAskedWhileSlewing = clock.slewRemainingNanos(nowMicros()) != 0;
        send(server, new CristianRequest(cristianSequence));
        cristianTimeout = setTimer(config.maxRoundTripMicros(), new CristianTimeout(cristianSequence));
    }

    private void cristianReply(NodeId from, CristianReply r) {
        if (!(role instanceof SyncRole.CristianClient c) || !c.server().equals(from)) {
            emit(new ClockEvent.SyncRejected(SyncAlgorithm.CRISTIAN, from, "not my time server"));
            return;
        }
        if (r.sequence() != cristianSequence || cristianAskedNanos == NONE) {
            emit(new ClockEvent.SyncRejected(SyncAlgorithm.CRISTIAN, from, "late or duplicate answer"));
            return;
        }
        long c1 = cristianAskedNanos;
        cristianAskedNanos = NONE;
        cancelTimer(cristianTimeout);
        cristianTimeout = null;
        long c4 = read(ReadPurpose.CRISTIAN_RECEIVE);
        // The round trip is measured on this clock, which may run off by the tolerance, by its own frequency
        // correction and, while it slews, by the slew rate: all of that widens the bound.
        boolean slewing = cristianAskedWhileSlewing || clock.slewRemainingNanos(nowMicros()) != 0;
        long driftPpm = config.frequencyTolerancePpm()
                + Math.abs(clock.frequencyCorrectionPpt()) / ClockKind.PPT_PER_PPM + 1
                + (slewing ? config.slewRatePpm() : 0);
        CristianEstimate e = CristianEstimate.of(c1, r.serverTimeNanos(), c4, config.assumedMinDelayMicros() * 1000,
                driftPpm, precisionNanos() + r.precisionNanos(), config.ignoreRoundTrip());
        emit(new ClockEvent.SyncSample(SyncAlgorithm.CRISTIAN, from, c1, r.serverTimeNanos(), r.serverTimeNanos(), c4,
                e.offsetNanos(), e.roundTripNanos(), e.errorBoundNanos()));
        Adjustment how = adjust(SyncAlgorithm.CRISTIAN, e.offsetNanos());
        lastSync = new ClockNodeState.LastSync(SyncAlgorithm.CRISTIAN, from, nowMicros(), e.offsetNanos(),
                e.roundTripNanos(), e.errorBoundNanos(), how);
    }

    // =========================================================================================== Berkeley

    private void startBerkeleyRound(List<NodeId> followers) {
        if (roundOpen) {
            cancelTimer(roundTimer);
            roundTimer = null;
            endBerkeleyRound();
        }
        berkeleyRound++;
        roundOpen = true;
        roundReadings.clear();
        roundPolledNanos = read(ReadPurpose.BERKELEY_POLL);
        for (NodeId f : followers) {
            send(f, new BerkeleyPoll(berkeleyRound));
        }
        // Wait twice the longest acceptable round trip, so that answers that are merely too slow are seen and
        // named as such rather than missing.
        roundTimer = setTimer(2 * config.maxRoundTripMicros(), Tick.BERKELEY_ROUND_END);
    }

    private void berkeleyReading(NodeId from, BerkeleyReading r) {
        if (!(role instanceof SyncRole.BerkeleyMaster m) || !m.followers().contains(from)) {
            emit(new ClockEvent.SyncRejected(SyncAlgorithm.BERKELEY, from, "not my follower"));
            return;
        }
        if (!roundOpen || r.round() != berkeleyRound || roundReadings.containsKey(from)) {
            emit(new ClockEvent.SyncRejected(SyncAlgorithm.BERKELEY, from, "late or duplicate reading"));
            return;
        }
        long t4 = read(ReadPurpose.BERKELEY_RECEIVE);
        long roundTrip = t4 - roundPolledNanos;
        long estimate = config.ignoreRoundTrip() ? r.clockNanos() : r.clockNanos() + roundTrip / 2;
        long difference = estimate - t4;
        roundReadings.put(from, new BerkeleyAverage.Reading(from, difference, roundTrip));
        emit(new ClockEvent.SyncSample(SyncAlgorithm.BERKELEY, from, roundPolledNanos, r.clockNanos(), r.clockNanos(),
                t4, difference, roundTrip, roundTrip / 2));
    }

    private void endBerkeleyRound() {
        if (!roundOpen || !(role instanceof SyncRole.BerkeleyMaster m)) {
            roundOpen = false;
            return;
        }
        roundOpen = false;
        read(ReadPurpose.BERKELEY_AVERAGE);
        BerkeleyAverage.Result r = BerkeleyAverage.compute(id(), new ArrayList<>(roundReadings.values()),
                config.berkeleyMaxDeviationNanos(), config.maxRoundTripMicros() * 1000);
        List<NodeId> unanswered = new ArrayList<>();
        for (NodeId f : m.followers()) {
            if (!roundReadings.containsKey(f)) {
                unanswered.add(f);
            }
        }
        emit(new ClockEvent.BerkeleyRound(berkeleyRound, r.averageNanos(), r.averaged(), r.outliers(), r.tooSlow(),
                unanswered));
        r.adjustments().forEach((node, amount) -> {
            if (!node.equals(id())) {
                send(node, new BerkeleyAdjust(berkeleyRound, amount));
            }
        });
        long own = r.adjustments().get(id());
        Adjustment how = adjust(SyncAlgorithm.BERKELEY, own);
        lastSync = new ClockNodeState.LastSync(SyncAlgorithm.BERKELEY, null, nowMicros(), own, 0, 0, how);
        roundReadings.clear();
    }

    private void berkeleyAdjust(NodeId from, BerkeleyAdjust a) {
        if (!(role instanceof SyncRole.BerkeleyFollower f) || !f.master().equals(from)) {
            emit(new ClockEvent.SyncRejected(SyncAlgorithm.BERKELEY, from, "not my master"));
            return;
        }
        Adjustment how = adjust(SyncAlgorithm.BERKELEY, a.adjustmentNanos());
        lastSync = new ClockNodeState.LastSync(SyncAlgorithm.BERKELEY, from, nowMicros(), a.adjustmentNanos(), 0, 0,
                how);
    }

    // =========================================================================================== NTP server

    private void ntpRequest(NodeId from, NtpRequest q) {
        long t2 = serve(ReadPurpose.NTP_T2);
        long t3 = serve(ReadPurpose.NTP_T3);
        long dispersion = rootDispersionNanos;
        if (stratum > 0 && stratum < UNSYNCHRONIZED && lastUpdateHardwareNanos != NONE) {
            // The error estimate grows at PHI since the last update (RFC 5905: root dispersion in a reply).
            long since = hardwareNanos() - lastUpdateHardwareNanos;
            dispersion += Math.round(config.frequencyTolerancePpm() * 1e-6 * since);
        }
        send(from, new NtpReply(stratum, rootDelayNanos, dispersion, precisionNanos(), systemPeer, q.transmitNanos(),
                t2, t3));
    }

    // =========================================================================================== NTP client

    private void pollNtpServers() {
        for (Peer p : peers.values()) {
            p.reach = (p.reach << 1) & 0xFF;
            if (p.reach == 0 && p.status != ClockNodeState.Status.UNREACHABLE) {
                p.status = ClockNodeState.Status.UNREACHABLE;
            }
            p.outstandingOriginNanos = read(ReadPurpose.NTP_T1);
            send(p.server, new NtpRequest(p.outstandingOriginNanos));
        }
    }

    private void ntpReply(NodeId from, NtpReply r) {
        Peer p = peers.get(from);
        if (p == null) {
            emit(new ClockEvent.SyncRejected(SyncAlgorithm.NTP, from, "not one of my servers"));
            return;
        }
        if (p.outstandingOriginNanos == NONE || r.originNanos() != p.outstandingOriginNanos) {
            // RFC 5905: the origin timestamp must match the request in flight (duplicates and old replies fail).
            emit(new ClockEvent.SyncRejected(SyncAlgorithm.NTP, from, "bogus: origin does not match"));
            return;
        }
        p.outstandingOriginNanos = NONE;
        long t1 = r.originNanos();
        long t4 = read(ReadPurpose.NTP_T4);
        p.reach |= 1;
        p.stratum = r.stratum();
        p.rootDelayNanos = r.rootDelayNanos();
        p.rootDispersionNanos = r.rootDispersionNanos();
        p.precisionNanos = r.precisionNanos();
        if (r.stratum() >= UNSYNCHRONIZED) {
            p.status = ClockNodeState.Status.UNFIT;
            emit(new ClockEvent.SyncRejected(SyncAlgorithm.NTP, from, "server not synchronized"));
            return;
        }
        if (id().equals(r.referenceId())) {
            p.status = ClockNodeState.Status.UNFIT;
            emit(new ClockEvent.SyncRejected(SyncAlgorithm.NTP, from, "server is synchronized to me (a loop)"));
            return;
        }
        OnWire w = config.ignoreRoundTrip()
                ? OnWire.ignoringRoundTrip(t1, r.receiveNanos(), r.transmitNanos(), t4)
                : OnWire.of(t1, r.receiveNanos(), r.transmitNanos(), t4, precisionNanos());
        long phi = config.frequencyTolerancePpm();
        long dispersion = r.precisionNanos() + precisionNanos() + Math.round(phi * 1e-6 * Math.max(0, t4 - t1));
        long hw = hardwareNanos();
        long correction = phaseCorrectionNanos();
        p.filter.add(new ClockFilter.Sample(w.offsetNanos(), w.delayNanos(), dispersion, hw, correction));
        long sampleDistance = (r.rootDelayNanos() + w.delayNanos()) / 2 + r.rootDispersionNanos() + dispersion;
        emit(new ClockEvent.SyncSample(SyncAlgorithm.NTP, from, t1, r.receiveNanos(), r.transmitNanos(), t4,
                w.offsetNanos(), w.delayNanos(), sampleDistance));
        ClockFilter.Figures f = p.filter.figures(hw, correction, phi);
        boolean fresh = f.best().hardwareTimeNanos() > p.lastUsedSampleNanos;
        emit(new ClockEvent.PeerUpdate(from, r.stratum(), f.offsetNanos(), f.delayNanos(), f.dispersionNanos(),
                f.jitterNanos(), fresh));
        if (p.status == ClockNodeState.Status.UNFIT || p.status == ClockNodeState.Status.UNREACHABLE) {
            p.status = ClockNodeState.Status.CANDIDATE;
        }
        if (fresh) {
            p.lastUsedSampleNanos = f.best().hardwareTimeNanos();
        }
        remember(new DisciplinePoint(from, hw, w.offsetNanos() + correctionNanos(), sampleDistance));
        selectAndUpdate(from);
    }

    private void remember(DisciplinePoint point) {
        history.add(point);
        while (history.size() > DISCIPLINE_POINTS
                || point.hardwareNanos() - history.get(0).hardwareNanos() > DISCIPLINE_WINDOW_NANOS) {
            history.remove(0);
        }
    }

    /** Root distance of a peer now (RFC 5905 root_dist): how far its offset can be from the truth. */
    private long rootDistance(Peer p, ClockFilter.Figures f) {
        return (p.rootDelayNanos + f.delayNanos()) / 2 + p.rootDispersionNanos + f.dispersionNanos() + f.jitterNanos();
    }

    /**
     * Clock selection over every fit server; then, if the sample that just arrived came from the system peer, the
     * clock update. (RFC 5905 updates only when the peer's lowest-delay sample is new, its "prime directive";
     * here every sample feeds the discipline's line instead, so each answer of the system peer is news.)
     */
    private void selectAndUpdate(NodeId from) {
        long hw = hardwareNanos();
        long correction = phaseCorrectionNanos();
        long phi = config.frequencyTolerancePpm();
        List<Intersection.Candidate> candidates = new ArrayList<>();
        TreeMap<NodeId, ClockFilter.Figures> figures = new TreeMap<>();
        for (NodeId s : ((SyncRole.NtpClient) role).servers()) {
            Peer p = peers.get(s);
            ClockFilter.Figures f = p.filter.figures(hw, correction, phi);
            if (f == null || p.reach == 0 || p.stratum >= UNSYNCHRONIZED) {
                continue;
            }
            long distance = rootDistance(p, f);
            if (distance >= MAX_DISTANCE_NANOS) {
                p.status = ClockNodeState.Status.UNFIT;
                continue;
            }
            figures.put(s, f);
            candidates.add(new Intersection.Candidate(s, f.offsetNanos(), distance));
        }
        if (candidates.isEmpty()) {
            return;
        }
        Intersection.Result sel = Intersection.select(candidates);
        for (NodeId s : sel.truechimers()) {
            peers.get(s).status = ClockNodeState.Status.TRUECHIMER;
        }
        for (NodeId s : sel.falsetickers()) {
            peers.get(s).status = ClockNodeState.Status.FALSETICKER;
        }
        if (!sel.falsetickers().isEmpty()) {
            // A falseticker's samples must not steer the clock later either: once it is honest again (and a
            // truechimer), its old lies would still sit in the discipline's line and pull the clock off for
            // the half hour they stay there.
            history.removeIf(p -> sel.falsetickers().contains(p.server()));
        }
        emit(new ClockEvent.SelectionResult(sel.truechimers(), sel.falsetickers(), sel.systemPeer(), sel.lowNanos(),
                sel.highNanos(), sel.offsetNanos(), sel.errorBoundNanos()));
        if (!sel.found()) {
            return;
        }
        Peer peer = peers.get(sel.systemPeer());
        peer.status = ClockNodeState.Status.SYSTEM_PEER;
        if (sel.systemPeer().equals(from)) {
            updateClock(peer, figures.get(sel.systemPeer()), sel, hw);
        }
    }

    private void updateClock(Peer peer, ClockFilter.Figures pf, Intersection.Result sel, long hw) {
        long offset = sel.offsetNanos();
        long now = nowMicros();
        long amount = offset;
        if (config.ntpFrequencyDiscipline()) {
            amount = discipline(hw, offset, sel.truechimers());
        }
        Adjustment how = adjust(SyncAlgorithm.NTP, amount);
        lastUpdateHardwareNanos = hw;
        rootDelayNanos = peer.rootDelayNanos + pf.delayNanos();
        rootDispersionNanos = peer.rootDispersionNanos + pf.dispersionNanos() + pf.jitterNanos() + Math.abs(offset);
        setStratum(peer.stratum + 1, peer.server);
        lastSync = new ClockNodeState.LastSync(SyncAlgorithm.NTP, peer.server, now, offset, pf.delayNanos(),
                sel.errorBoundNanos(), how);
    }

    /**
     * The clock discipline: where the clock should be, and how fast it should run. Each recent sample from a
     * truechimer says how far true time was from the raw hardware clock when it was taken; a least-squares line
     * through them (as chrony does; ntpd uses a phase- and frequency-locked loop instead) gives the hardware's
     * rate error, which becomes the frequency correction, and where the line is now, which the clock is moved
     * to. Averaging many samples is what keeps one unlucky sample from throwing the clock off. Until the samples
     * span a few poll intervals, the rate is left alone and the clock moves by {@code offset}, the selection's.
     * Returns the correction to make now.
     */
    private long discipline(long hw, long offset, List<NodeId> truechimers) {
        List<DisciplinePoint> points = new ArrayList<>();
        for (DisciplinePoint p : history) {
            if (truechimers.contains(p.server())) {
                points.add(p);
            }
        }
        long minSpanNanos = DISCIPLINE_MIN_SPAN_POLLS * config.pollIntervalMicros() * 1000L;
        if (points.size() < 3 || hw - points.get(0).hardwareNanos() < minSpanNanos) {
            return offset;
        }
        // Fit y = a + b·x with x = h − now, so a is where the line is now; a sample counts by the inverse square
        // of its root distance, so samples from a server that was itself still far off count for little.
        double sw = 0;
        double sx = 0;
        double sy = 0;
        for (DisciplinePoint p : points) {
            double w = weight(p);
            sw += w;
            sx += w * (p.hardwareNanos() - hw);
            sy += w * p.trueMinusHardwareNanos();
        }
        double mx = sx / sw;
        double my = sy / sw;
        double sxx = 0;
        double sxy = 0;
        for (DisciplinePoint p : points) {
            double w = weight(p);
            double dx = p.hardwareNanos() - hw - mx;
            sxx += w * dx * dx;
            sxy += w * dx * (p.trueMinusHardwareNanos() - my);
        }
        double slope = sxy / sxx;
        double lineNow = my - slope * mx;
        long fc = Math.max(-MAX_FREQUENCY_CORRECTION_PPT, Math.min(MAX_FREQUENCY_CORRECTION_PPT,
                Math.round(slope * 1e12)));
        clock = clock.withFrequencyCorrection(nowMicros(), fc);
        return Math.round(lineNow) - correctionNanos();
    }

    private static double weight(DisciplinePoint p) {
        double d = Math.max(1_000.0, p.distanceNanos());
        return 1.0 / (d * d);
    }

    private void setStratum(int s, NodeId peer) {
        boolean changed = s != stratum || !Objects.equals(peer, systemPeer);
        stratum = s;
        systemPeer = peer;
        if (changed) {
            recordState("stratum", s);
            if (role instanceof SyncRole.NtpClient) {
                emit(new ClockEvent.StratumChanged(s, peer));
            }
        }
    }

    // =========================================================================================== snapshot

    public SyncRole role() {
        return role;
    }

    public ClockConfig config() {
        return config;
    }

    /** The software clock function (null before the node has started). */
    public SoftwareClock clock() {
        return clock;
    }

    public long lieNanos() {
        return lieNanos;
    }

    /** The node at true time {@code trueMicros} (normally now); reading it draws nothing and changes nothing. */
    public ClockNodeState state(long trueMicros) {
        HardwareClock h = clock.hardware();
        double reading = clock.readingNanos(trueMicros);
        double trueNanos = trueMicros * 1000.0;
        long hwNow = Math.round(h.readingNanos(trueMicros));
        long correction = Math.round(clock.phaseCorrectionNanos(trueMicros));
        List<ClockNodeState.PeerState> peerStates = new ArrayList<>();
        if (role instanceof SyncRole.NtpClient ntp) {
            for (NodeId s : ntp.servers()) {
                Peer p = peers.get(s);
                ClockFilter.Figures f = p.filter.figures(hwNow, correction, config.frequencyTolerancePpm());
                peerStates.add(f == null
                        ? new ClockNodeState.PeerState(s, p.reach, p.stratum, 0, 0, 0, ClockFilter.MAX_DISPERSION_NANOS,
                        0, ClockFilter.MAX_DISPERSION_NANOS, p.status)
                        : new ClockNodeState.PeerState(s, p.reach, p.stratum, p.filter.size(), f.offsetNanos(),
                        f.delayNanos(), f.dispersionNanos(), f.jitterNanos(), rootDistance(p, f), p.status));
            }
        }
        long dispersion = rootDispersionNanos;
        if (stratum > 0 && stratum < UNSYNCHRONIZED && lastUpdateHardwareNanos != NONE) {
            dispersion += Math.round(config.frequencyTolerancePpm() * 1e-6 * (hwNow - lastUpdateHardwareNanos));
        }
        return new ClockNodeState(id(), role, h.kind(), trueMicros, reading, reading - trueNanos,
                h.readingNanos(trueMicros) - trueNanos, h.frequencyErrorPpm(trueMicros),
                clock.frequencyCorrectionPpt() / (double) ClockKind.PPT_PER_PPM, clock.frequencyErrorPpm(trueMicros),
                clock.slewRemainingNanos(trueMicros), stratum, systemPeer, rootDelayNanos, dispersion, lieNanos,
                lastSync, List.copyOf(peerStates));
    }
}
