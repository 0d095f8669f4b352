#!/usr/bin/env bash
# Start a user-space PulseAudio with the virtual devices (vc_speaker/vc_monitor/vc_mic).
# SOURCE this file (`source test/audio/start-audio.sh`): it exports XDG_RUNTIME_DIR, PULSE_SERVER
# and ALSA_CONFIG_PATH for the caller. No `set -e`: it would leak errexit into the sourcing shell.
# Idempotent: an already running daemon is reused. Stop it with scripts/stop-audio.sh.

VC_AUDIO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export XDG_RUNTIME_DIR="${VC_RUNTIME_DIR:-/tmp/vc-audio-runtime}"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export PULSE_SERVER="unix:$XDG_RUNTIME_DIR/pulse/native"
export ALSA_CONFIG_PATH="$VC_AUDIO_DIR/alsa-vc.conf"
if ! pactl info >/dev/null 2>&1; then
  pulseaudio --daemonize=yes -n -F "$VC_AUDIO_DIR/vc.pa" --exit-idle-time=-1 --system=false \
    --enable-memfd="${VC_PULSE_MEMFD:-no}" --use-pid-file=yes --log-target=file:"$XDG_RUNTIME_DIR/pulse.log"
fi
for i in $(seq 1 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
# wait until the null sinks left their 2 s idle block (latency drops to the loopback's ~20 ms)
lat=""
for i in $(seq 1 40); do
  lat=$(pactl list sinks 2>/dev/null | awk '/^\tName: vc_out$/{f=1} f&&/Latency:/{print $2; exit}')
  [ -n "$lat" ] && [ "$lat" -lt 200000 ] && break; sleep 0.1
done
if pactl info >/dev/null 2>&1; then
  echo "pulseaudio up (pid $(cat "$XDG_RUNTIME_DIR/pulse/pid" 2>/dev/null)), vc_out latency ${lat}us" >&2
else
  echo "pulseaudio did not start; see $XDG_RUNTIME_DIR/pulse.log" >&2
fi
