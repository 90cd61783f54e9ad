#!/usr/bin/env bash
# A single-node Slurm on this machine, for trying sweeps through Snakemake's Slurm executor (README "Sweeps")
# and for `make test-cluster`. Debian/Ubuntu, as root:
#
#   scripts/slurm-single-node.sh          install slurm-wlm and munge if missing, write a minimal slurm.conf
#                                         for this host (all its CPUs, one partition), start munged, slurmctld
#                                         and slurmd, and wait until the node takes jobs
#   scripts/slurm-single-node.sh status   say whether the daemons run and the node is idle
#   scripts/slurm-single-node.sh stop     stop slurmd, slurmctld and munged (those this script started)
#
# Idempotent: running it again while everything is up changes nothing. It writes /etc/slurm/slurm.conf only
# when there is none, or when the one there was written by this script (a line says so), so it never
# overwrites a real cluster's configuration. No accounting database: job status comes from squeue (MinJobAge
# keeps finished jobs visible for 5 minutes); use the profile workflow/profiles/slurm-local/.
# Exit codes: 0 ready, 1 failed (the reason on stderr), 3 not root, 4 packages cannot be installed, 5 this
# machine cannot run the daemons (munged, slurmctld or slurmd would not start or answer: the reason on stderr).
set -euo pipefail

MARK="# written by ai-industry-reports scripts/slurm-single-node.sh"
CONF=/etc/slurm/slurm.conf
NODE="$(hostname -s)"
LOGDIR=/var/log/slurm
RUNDIR=/run/slurm

say() { echo "slurm-single-node: $*" >&2; }
die() { say "$1"; exit "${2:-1}"; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null; }

node_state() { sinfo -h -n "$NODE" -o '%T' 2>/dev/null | head -1; }

stop() {
    for d in slurmd slurmctld; do
        if pid_alive "$RUNDIR/$d.pid"; then
            kill "$(cat "$RUNDIR/$d.pid")" 2>/dev/null || true
            for _ in $(seq 50); do pid_alive "$RUNDIR/$d.pid" || break; sleep 0.1; done
            say "stopped $d"
        fi
    done
    if pid_alive /run/munge/munged.pid; then
        kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
        say "stopped munged"
    fi
}

status() {
    local ok=0
    for d in slurmctld slurmd; do
        if pid_alive "$RUNDIR/$d.pid"; then say "$d runs (pid $(cat "$RUNDIR/$d.pid"))"; else say "$d is not running"; ok=1; fi
    done
    pid_alive /run/munge/munged.pid && say "munged runs" || { say "munged is not running"; ok=1; }
    [ "$ok" = 0 ] && say "node $NODE: $(node_state)"
    return "$ok"
}

install_packages() {
    command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null \
        && command -v sbatch >/dev/null && return 0
    command -v apt-get >/dev/null || die "apt-get not found: install Slurm (slurmctld, slurmd, client) and munge by hand" 4
    say "installing slurm-wlm and munge (apt-get)…"
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends slurm-wlm munge; } >/tmp/slurm-single-node-apt.log 2>&1; then
        tail -5 /tmp/slurm-single-node-apt.log >&2
        die "apt-get could not install slurm-wlm and munge (log: /tmp/slurm-single-node-apt.log)" 4
    fi
}

write_conf() {
    if [ -f "$CONF" ] && ! grep -qF "$MARK" "$CONF"; then
        say "$CONF exists and was not written by this script: leaving it as it is"
        return 0
    fi
    local cpus mem_mb
    cpus="$(nproc)"
    mem_mb="$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)"
    mkdir -p /etc/slurm
    local tmp
    tmp="$(mktemp /etc/slurm/.slurm.conf.XXXXXX)"
    cat >"$tmp" <<EOF
$MARK
# one node (this host) in one partition; no accounting database (job status from squeue)
ClusterName=single
SlurmctldHost=$NODE(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=300
SlurmctldPidFile=$RUNDIR/slurmctld.pid
SlurmdPidFile=$RUNDIR/slurmd.pid
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=$LOGDIR/slurmctld.log
SlurmdLogFile=$LOGDIR/slurmd.log
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=local Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
    if [ -f "$CONF" ] && cmp -s "$tmp" "$CONF"; then rm -f "$tmp"; else mv "$tmp" "$CONF"; chmod 644 "$CONF"; say "wrote $CONF ($cpus CPUs, $mem_mb MB)"; fi
}

start_munge() {
    pid_alive /run/munge/munged.pid && return 0
    if [ ! -s /etc/munge/munge.key ]; then
        if command -v mungekey >/dev/null; then mungekey --create --keyfile=/etc/munge/munge.key
        else dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; fi
    fi
    chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
    mkdir -p /run/munge /var/log/munge /var/lib/munge
    chown munge:munge /run/munge /var/log/munge /var/lib/munge
    chmod 755 /run/munge
    runuser -u munge -- /usr/sbin/munged || die "munged did not start (see /var/log/munge/munged.log)" 5
    for _ in $(seq 50); do pid_alive /run/munge/munged.pid && break; sleep 0.1; done
    munge -n | unmunge >/dev/null || die "munge does not work: munge -n | unmunge failed" 5
}

start_slurm() {
    mkdir -p "$RUNDIR" "$LOGDIR" /var/spool/slurmctld /var/spool/slurmd
    if ! pid_alive "$RUNDIR/slurmctld.pid"; then
        slurmctld || die "slurmctld did not start: $(tail -3 $LOGDIR/slurmctld.log 2>/dev/null)" 5
    fi
    for _ in $(seq 100); do scontrol ping >/dev/null 2>&1 && break; sleep 0.1; done
    scontrol ping >/dev/null 2>&1 || die "slurmctld does not answer: $(tail -3 $LOGDIR/slurmctld.log 2>/dev/null)" 5
    if ! pid_alive "$RUNDIR/slurmd.pid"; then
        slurmd -N "$NODE" || die "slurmd did not start: $(tail -3 $LOGDIR/slurmd.log 2>/dev/null)" 5
    fi
    local state=""
    for _ in $(seq 150); do
        state="$(node_state)"
        case "$state" in idle|mixed|allocated|completing) break ;; down*|drain*) scontrol update NodeName="$NODE" State=RESUME >/dev/null 2>&1 || true ;; esac
        sleep 0.2
    done
    case "$state" in
        idle|mixed|allocated|completing) say "ready: node $NODE is $state (partition local, $(nproc) CPUs)" ;;
        *) die "node $NODE is '${state:-unknown}', not idle: $(tail -3 $LOGDIR/slurmd.log 2>/dev/null)" ;;
    esac
}

case "${1:-start}" in
    stop) stop ;;
    status) status ;;
    start)
        [ "$(id -u)" = 0 ] || die "run as root (it installs packages and starts system daemons)" 3
        install_packages
        write_conf
        start_munge
        start_slurm
        ;;
    *) die "usage: $0 [start|status|stop]" 2 ;;
esac
